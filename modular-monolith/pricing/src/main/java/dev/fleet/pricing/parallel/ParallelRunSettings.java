package dev.fleet.pricing.parallel;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.pricing.api.Pricing;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * How much the parallel run may spend on the candidate (a config block, e.g. {@code pricing.parallel}). The
 * candidate runs on its own fixed pool: at most {@code threads} candidates at once, {@code queue} more waiting, and
 * beyond that a run is skipped rather than queued without limit — a slow or hung candidate then costs these threads,
 * never the callers' (docs/pricing.md, "Parallel run").
 */
public class ParallelRunSettings {
    /** Matches Hystrix's default pool of the remote pricing commands, so this pool is not the narrower one. */
    @Min(1)
    @Max(200)
    @JsonProperty
    private int threads = 10;
    /** Candidates waiting for a thread; 0 = none wait (a busy pool skips at once). */
    @Min(0)
    @Max(10_000)
    @JsonProperty
    private int queue = 100;
    /** From submission; above the remote call's Hystrix timeout (1 s by default), which normally answers first. */
    @NotNull
    @JsonProperty
    private Duration candidateTimeout = Duration.seconds(2);

    public ParallelRunSettings withThreads(int value) {
        threads = value;
        return this;
    }

    public ParallelRunSettings withQueue(int value) {
        queue = value;
        return this;
    }

    public ParallelRunSettings withCandidateTimeout(Duration value) {
        candidateTimeout = value;
        return this;
    }

    public int threads() {
        return threads;
    }

    public int queue() {
        return queue;
    }

    public Duration candidateTimeout() {
        return candidateTimeout;
    }

    /** The parallel run, its candidate pool managed by the app's lifecycle (stopped with it), metrics in the app's registry. */
    public ParallelPricing build(Pricing control, Pricing candidate, Environment environment) {
        BlockingQueue<Runnable> waiting = queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
        ExecutorService candidates = environment.lifecycle().executorService("pricing-parallel-%d")
                .minThreads(threads)
                .maxThreads(threads)
                .workQueue(waiting)
                .rejectedExecutionHandler(new ThreadPoolExecutor.AbortPolicy())
                .build();
        return new ParallelPricing(control, candidate, environment.metrics(), candidates, candidateTimeout.toJavaDuration());
    }
}
