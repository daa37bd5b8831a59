package dev.fleet.loadtests;

import dev.fleet.platform.db.Databases;
import dev.fleet.platform.messaging.MessageHandler;
import dev.fleet.platform.outbox.Outbox;
import dev.fleet.platform.outbox.OutboxRelay;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jdbi.v3.core.Jdbi;

import java.util.UUID;

/**
 * An in-memory H2 (PostgreSQL mode, as in the apps' tests) with a pooled DataSource, the outbox table
 * {@code bench_outbox} and the consumer's effects table {@code bench_effects}.
 */
final class FleetDatabase implements AutoCloseable {

    static final String CHANGELOG = "db/loadtest/changelog.xml";

    final Outbox outbox = new Outbox("bench_outbox");
    private final JdbcConnectionPool pool;
    final Jdbi jdbi;

    FleetDatabase() {
        String url = "jdbc:h2:mem:bench" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1";
        pool = JdbcConnectionPool.create(url, "sa", "");
        pool.setMaxConnections(16);
        System.setProperty("liquibase.showSummaryOutput", "LOG"); // not on stdout, where the report goes
        System.setProperty("liquibase.showSummary", "OFF");
        Databases.migrate(pool, CHANGELOG);
        jdbi = Jdbi.create(pool);
    }

    /** Like Fleet's consumers: the effect is a row keyed by the message id; a redelivery hits the unique key. */
    MessageHandler effectHandler(Tracker tracker) {
        return (envelope, requestId) -> {
            try {
                jdbi.useHandle(h -> h.createUpdate("INSERT INTO bench_effects (event_id, aggregate_id) VALUES (:id, :aggregate)")
                        .bind("id", envelope.eventId()).bind("aggregate", envelope.aggregateId()).execute());
            } catch (RuntimeException e) {
                if (Databases.isUniqueViolation(e)) {
                    tracker.duplicate();
                    return;
                }
                throw e;
            }
            tracker.effect();
        };
    }

    /** One transaction per message, as a business transaction appends one. */
    void append(int n, String destination) {
        for (int i = 0; i < n; i++) {
            int index = i;
            jdbi.useTransaction(h -> outbox.append(h, Messages.message(index, destination)));
        }
    }

    /** Waits (polling every 5 ms) until the relay marked every row sent; returns that {@link System#nanoTime()}. */
    long awaitRelayed(OutboxRelay relay, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (relay.pending() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(relay.pending() + " outbox rows still pending after " + timeoutSeconds + " s");
            }
            Thread.sleep(5);
        }
        return System.nanoTime();
    }

    /** Waits until the relay marked every row sent, then deletes the sent rows so every run starts from the same table. */
    void drain(OutboxRelay relay, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (relay.pending() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(relay.pending() + " outbox rows still pending after " + timeoutSeconds + " s");
            }
            Thread.sleep(20);
        }
        jdbi.useHandle(h -> h.execute("DELETE FROM bench_outbox WHERE sent_at IS NOT NULL"));
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
