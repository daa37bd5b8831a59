package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.outbox.OutboxRelay;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** The outbox relay's settings ({@code outbox:} in config.yml). */
public class OutboxSettings {

    @NotNull
    private Duration pollInterval = Duration.milliseconds(200);
    @Min(1)
    private int batchSize = 100;
    @NotNull
    private Duration initialBackoff = Duration.seconds(1);
    @NotNull
    private Duration maxBackoff = Duration.minutes(5);
    /** The relay's health check turns unhealthy above this many pending messages. */
    @Min(0)
    private long backlogThreshold = 1000;

    @JsonProperty
    public Duration getPollInterval() {
        return pollInterval;
    }

    @JsonProperty
    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    @JsonProperty
    public int getBatchSize() {
        return batchSize;
    }

    @JsonProperty
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    @JsonProperty
    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    @JsonProperty
    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    @JsonProperty
    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    @JsonProperty
    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    @JsonProperty
    public long getBacklogThreshold() {
        return backlogThreshold;
    }

    @JsonProperty
    public void setBacklogThreshold(long backlogThreshold) {
        this.backlogThreshold = backlogThreshold;
    }

    public OutboxRelay.Settings toSettings() {
        return new OutboxRelay.Settings(pollInterval.toJavaDuration(), batchSize, initialBackoff.toJavaDuration(),
                maxBackoff.toJavaDuration(), backlogThreshold);
    }
}
