package dev.fleet.platform.ops;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdsTest {

    private final ExecutorService otherThread = Executors.newSingleThreadExecutor();

    @AfterEach
    void cleanUp() {
        otherThread.shutdownNow();
        RequestIds.clear();
        MDC.remove(RequestIds.MDC_KEY);
    }

    @Test
    void propagatingCarriesTheCallersIdToTheThreadThatRunsTheTaskAndCleansUpThere() throws Exception {
        RequestIds.set("req-1");
        Supplier<String> seen = RequestIds.propagating(() -> RequestIds.current().orElse("none") + "/" + MDC.get(RequestIds.MDC_KEY));

        assertThat(CompletableFuture.supplyAsync(seen, otherThread).get()).isEqualTo("req-1/req-1");
        assertThat(CompletableFuture.supplyAsync(() -> RequestIds.current().orElse("none") + "/" + MDC.get(RequestIds.MDC_KEY), otherThread).get())
                .as("the pool thread is left as it was").isEqualTo("none/null");
    }

    @Test
    void theRunningThreadsOwnIdIsRestored() {
        RequestIds.set("outer");
        MDC.put(RequestIds.MDC_KEY, "outer");
        Supplier<Optional<String>> task = RequestIds.propagating(RequestIds::current);
        RequestIds.set("inner");
        MDC.put(RequestIds.MDC_KEY, "inner");

        assertThat(task.get()).contains("outer");
        assertThat(RequestIds.current()).contains("inner");
        assertThat(MDC.get(RequestIds.MDC_KEY)).isEqualTo("inner");
    }

    @Test
    void withoutARequestTheTaskRunsAsItIs() {
        Supplier<String> task = () -> "x";
        assertThat(RequestIds.propagating(task)).isSameAs(task);
    }
}
