package dev.fleet.platform.messaging.amqp;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** RabbitMQ settings of a Fleet app (a YAML block, e.g. {@code amqp: {uri: ${FLEET_AMQP_URI:-…}}}). */
public class AmqpSettings {

    /** {@code amqp://user:password@host:port/vhost} */
    @NotBlank
    @JsonProperty
    private String uri = "amqp://guest:guest@127.0.0.1:5672/%2F";

    /** How long a publish waits for the broker's confirm before it counts as failed (the outbox row stays pending). */
    @NotNull
    @JsonProperty
    private Duration confirmTimeout = Duration.seconds(5);

    /** Unacknowledged messages the broker sends a consumer ahead. */
    @Min(1)
    @Max(1000)
    @JsonProperty
    private int prefetch = 20;

    /** Failed attempts after which a command goes to the dead-letter queue. */
    @Min(1)
    @Max(100)
    @JsonProperty
    private int maxAttempts = 5;

    /** How long a failed command waits in the retry queue before its next attempt. */
    @NotNull
    @JsonProperty
    private Duration retryDelay = Duration.seconds(10);

    public AmqpSettings() {
    }

    public AmqpSettings(String uri) {
        this.uri = uri;
    }

    public String getUri() {
        return uri;
    }

    public java.time.Duration confirmTimeout() {
        return confirmTimeout.toJavaDuration();
    }

    public AmqpCommandConsumer.Settings consumerSettings() {
        AmqpCommandConsumer.Settings defaults = AmqpCommandConsumer.Settings.defaults();
        return new AmqpCommandConsumer.Settings(prefetch, maxAttempts, retryDelay.toJavaDuration(), defaults.pollInterval(),
                confirmTimeout());
    }
}
