package dev.fleet.services.billing;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.app.FleetApp;
import dev.fleet.platform.app.FleetAppConfiguration;
import dev.fleet.platform.messaging.amqp.AmqpSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** billing-service's settings (config.yml gives each a default an environment variable overrides). */
public class BillingServiceConfiguration extends FleetAppConfiguration {

    /** RabbitMQ, where charge commands arrive; {@code uri: none} (the default) means no broker. */
    @Valid
    @NotNull
    private AmqpSettings amqp = new AmqpSettings(FleetApp.NO_BROKER);

    @JsonProperty
    public AmqpSettings getAmqp() {
        return amqp;
    }

    @JsonProperty
    public void setAmqp(AmqpSettings amqp) {
        this.amqp = amqp;
    }
}
