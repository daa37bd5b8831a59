package dev.fleet.platform.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Hystrix settings of one target service that differ from {@code remote.hystrix}
 * ({@code remote.overrides.<service>.hystrix}): every field is optional, a field left out keeps the value of
 * {@code remote.hystrix}. Same fields and limits as {@link HystrixSettings}.
 */
public class HystrixOverride {
    @JsonProperty
    private Duration executionTimeout;
    @Min(1)
    @Max(200)
    @JsonProperty
    private Integer threadPoolCoreSize;
    @Min(1)
    @JsonProperty
    private Integer requestVolumeThreshold;
    @Min(1)
    @Max(100)
    @JsonProperty
    private Integer errorThresholdPercentage;
    @JsonProperty
    private Duration sleepWindow;
    @JsonProperty
    private Duration rollingWindow;
    @JsonProperty
    private Duration healthSnapshotInterval;

    /** {@code base} with the fields this override names replaced; {@code base} itself is left as it is. */
    HystrixSettings over(HystrixSettings base) {
        HystrixSettings merged = base.copy();
        if (executionTimeout != null) {
            merged.withExecutionTimeout(executionTimeout);
        }
        if (threadPoolCoreSize != null) {
            merged.withThreadPoolCoreSize(threadPoolCoreSize);
        }
        if (requestVolumeThreshold != null) {
            merged.withRequestVolumeThreshold(requestVolumeThreshold);
        }
        if (errorThresholdPercentage != null) {
            merged.withErrorThresholdPercentage(errorThresholdPercentage);
        }
        if (sleepWindow != null) {
            merged.withSleepWindow(sleepWindow);
        }
        if (rollingWindow != null) {
            merged.withRollingWindow(rollingWindow);
        }
        if (healthSnapshotInterval != null) {
            merged.withHealthSnapshotInterval(healthSnapshotInterval);
        }
        return merged;
    }
}
