package dev.fleet.app.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Polling for what happens after an answer (a metric, a recovery), failing with what never happened. */
public final class Await {

    private Await() {
    }

    /**
     * Checks {@code done} every {@code every} until it holds; past {@code atMost} fails with {@code what} (asked then,
     * so it can show the last thing seen).
     */
    public static void until(Duration atMost, Duration every, Supplier<String> what, BooleanSupplier done)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(every.toMillis());
        }
    }
}
