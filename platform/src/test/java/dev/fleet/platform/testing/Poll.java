package dev.fleet.platform.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polling for something that happens a moment later (a registration, a health state), failing with what never did. */
public final class Poll {

    private Poll() {
    }

    /** Checks {@code done} every 100 ms until it holds; past {@code atMost} fails with {@code what} (asked then). */
    public static void until(Duration atMost, Supplier<String> what, BooleanSupplier done) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + atMost.toMillis() + " ms: " + what.get());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what.get(), e);
            }
        }
    }

    public static void until(Duration atMost, String what, BooleanSupplier done) {
        until(atMost, () -> what, done);
    }
}
