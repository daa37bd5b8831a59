package dev.fleet.platform.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.netflix.hystrix.HystrixCommandProperties;
import com.netflix.hystrix.HystrixThreadPoolProperties;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * Hystrix settings of the commands of one target service: {@code remote.hystrix} for every service, changed per
 * service by {@code remote.overrides.<service>.hystrix} ({@link HystrixOverride}). Defaults are Hystrix's own,
 * except the execution timeout (1 s, Hystrix: 1 s too — named here so nobody has to look it up).
 */
public class HystrixSettings {
    static final int MAX_CONCURRENT_FALLBACKS = 1_000;

    @NotNull
    @JsonProperty
    private Duration executionTimeout = Duration.seconds(1);
    @Min(1)
    @Max(200)
    @JsonProperty
    private int threadPoolCoreSize = 10;
    /** Calls needed in the rolling window before the error percentage can open the circuit. */
    @Min(1)
    @JsonProperty
    private int requestVolumeThreshold = 20;
    @Min(1)
    @Max(100)
    @JsonProperty
    private int errorThresholdPercentage = 50;
    /** How long an open circuit rejects calls before it lets one through to probe. */
    @NotNull
    @JsonProperty
    private Duration sleepWindow = Duration.seconds(5);
    /** The rolling window the health counts cover. */
    @NotNull
    @JsonProperty
    private Duration rollingWindow = Duration.seconds(10);
    /** How often the circuit breaker recomputes health counts. */
    @NotNull
    @JsonProperty
    private Duration healthSnapshotInterval = Duration.milliseconds(500);

    /** A copy, so a per-service override never changes the shared {@code remote.hystrix}. */
    HystrixSettings copy() {
        return new HystrixSettings()
                .withExecutionTimeout(executionTimeout)
                .withThreadPoolCoreSize(threadPoolCoreSize)
                .withRequestVolumeThreshold(requestVolumeThreshold)
                .withErrorThresholdPercentage(errorThresholdPercentage)
                .withSleepWindow(sleepWindow)
                .withRollingWindow(rollingWindow)
                .withHealthSnapshotInterval(healthSnapshotInterval);
    }

    public HystrixSettings withExecutionTimeout(Duration value) {
        executionTimeout = value;
        return this;
    }

    public HystrixSettings withThreadPoolCoreSize(int value) {
        threadPoolCoreSize = value;
        return this;
    }

    public HystrixSettings withRequestVolumeThreshold(int value) {
        requestVolumeThreshold = value;
        return this;
    }

    public HystrixSettings withErrorThresholdPercentage(int value) {
        errorThresholdPercentage = value;
        return this;
    }

    public HystrixSettings withSleepWindow(Duration value) {
        sleepWindow = value;
        return this;
    }

    public HystrixSettings withRollingWindow(Duration value) {
        rollingWindow = value;
        return this;
    }

    public HystrixSettings withHealthSnapshotInterval(Duration value) {
        healthSnapshotInterval = value;
        return this;
    }

    public Duration executionTimeout() {
        return executionTimeout;
    }

    HystrixCommandProperties.Setter commandProperties() {
        return HystrixCommandProperties.Setter()
                .withExecutionTimeoutInMilliseconds(millis(executionTimeout))
                .withCircuitBreakerRequestVolumeThreshold(requestVolumeThreshold)
                .withCircuitBreakerErrorThresholdPercentage(errorThresholdPercentage)
                .withCircuitBreakerSleepWindowInMilliseconds(millis(sleepWindow))
                .withMetricsRollingStatisticalWindowInMilliseconds(millis(rollingWindow))
                .withMetricsHealthSnapshotIntervalInMilliseconds(millis(healthSnapshotInterval))
                // Our fallbacks are in-memory (a value, a stale-cache lookup, an exception): Hystrix's default cap of 10
                // concurrent fallbacks would turn the 11th concurrent failure into an unhandled error under load.
                .withFallbackIsolationSemaphoreMaxConcurrentRequests(MAX_CONCURRENT_FALLBACKS);
    }

    HystrixThreadPoolProperties.Setter threadPoolProperties() {
        return HystrixThreadPoolProperties.Setter()
                .withCoreSize(threadPoolCoreSize)
                .withMetricsRollingStatisticalWindowInMilliseconds(millis(rollingWindow));
    }

    private static int millis(Duration duration) {
        return Math.toIntExact(duration.toMilliseconds());
    }
}
