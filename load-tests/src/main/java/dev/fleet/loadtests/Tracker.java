package dev.fleet.loadtests;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the effects of one run and notes the moment the last expected one happened. */
final class Tracker {

    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private volatile int expected = Integer.MAX_VALUE;
    private volatile long lastNanos;
    private volatile CountDownLatch done = new CountDownLatch(1);

    /** Starts a run of {@code expected} effects. Call only when the previous run is complete. */
    void arm(int expected) {
        count.set(0);
        duplicates.set(0);
        done = new CountDownLatch(1);
        this.expected = expected;
    }

    void effect() {
        if (count.incrementAndGet() == expected) {
            lastNanos = System.nanoTime();
            done.countDown();
        }
    }

    /** A redelivery that the idempotent handler recognised (no new effect). */
    void duplicate() {
        duplicates.incrementAndGet();
    }

    /** Waits for the last expected effect and returns its {@link System#nanoTime()}. */
    long awaitLast(long timeoutSeconds) throws InterruptedException {
        if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("only " + count.get() + " of " + expected + " effects within " + timeoutSeconds + " s");
        }
        return lastNanos;
    }

    int duplicates() {
        return duplicates.get();
    }
}
