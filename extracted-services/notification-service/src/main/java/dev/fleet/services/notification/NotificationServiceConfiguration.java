package dev.fleet.services.notification;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.app.FleetApp;
import dev.fleet.platform.app.FleetAppConfiguration;
import dev.fleet.platform.messaging.kafka.KafkaSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** notification-service's settings (config.yml gives each a default an environment variable overrides). */
public class NotificationServiceConfiguration extends FleetAppConfiguration {

    /** Kafka, where reservation events arrive; {@code bootstrapServers: none} (the default) means no broker. */
    @Valid
    @NotNull
    private KafkaSettings kafka = new KafkaSettings(FleetApp.NO_BROKER);

    @JsonProperty
    public KafkaSettings getKafka() {
        return kafka;
    }

    @JsonProperty
    public void setKafka(KafkaSettings kafka) {
        this.kafka = kafka;
    }
}
