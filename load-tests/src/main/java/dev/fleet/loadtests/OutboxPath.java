package dev.fleet.loadtests;

import dev.fleet.platform.outbox.OutboxRelay;

/**
 * The Fleet path, whichever the broker: N rows appended to the outbox (H2), relayed by {@link OutboxRelay} to the
 * broker, consumed into one effect row each. Subclasses build the relay, publisher and consumer for their broker.
 */
abstract class OutboxPath implements BenchPath {

    final Tracker tracker = new Tracker();
    final FleetDatabase db = new FleetDatabase();
    private final String destination;
    private long relayNanos = -1;

    OutboxPath(String destination) {
        this.destination = destination;
    }

    /** The running relay, publishing to {@link #destination}. */
    abstract OutboxRelay relay();

    @Override
    public long run(int n) throws Exception {
        tracker.arm(n);
        long start = System.nanoTime();
        db.append(n, destination);
        relayNanos = db.awaitRelayed(relay(), BenchPath.timeoutSeconds(n)) - start;
        long last = tracker.awaitLast(BenchPath.timeoutSeconds(n));
        db.drain(relay(), 30);
        return last - start;
    }

    @Override
    public long lastRelayNanos() {
        return relayNanos;
    }

    @Override
    public int duplicates() {
        return tracker.duplicates();
    }
}
