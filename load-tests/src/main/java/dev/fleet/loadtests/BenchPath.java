package dev.fleet.loadtests;

/** One way of getting N messages from a producer to a consumer's effect. */
interface BenchPath extends AutoCloseable {

    /** Sends {@code n} messages; returns the nanoseconds from the first send (or append) to the last effect. */
    long run(int n) throws Exception;

    /** Nanoseconds from the first append to the moment the relay had marked every row sent, in the last run (Fleet paths). */
    default long lastRelayNanos() {
        return -1;
    }

    /** Redeliveries the consumer recognised as duplicates so far (the Fleet paths; 0 for the raw clients). */
    default int duplicates() {
        return 0;
    }

    /** The seconds a run of {@code n} may take before it counts as failed (nothing may be lost). */
    static long timeoutSeconds(int n) {
        return Math.max(60, n / 20);
    }
}
