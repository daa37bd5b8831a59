package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.messaging.amqp.AmqpSettings;
import dev.fleet.platform.messaging.kafka.KafkaSettings;
import dev.fleet.platform.app.FleetAppConfiguration;
import dev.fleet.platform.remote.RemoteCallsSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The monolith's settings; config.yml gives every one a default that an environment variable overrides. */
public class FleetConfiguration extends FleetAppConfiguration {

    @Valid
    @NotNull
    private OutboxSettings outbox = new OutboxSettings();

    /** Kafka for reservation events; {@code bootstrapServers: inprocess} (the default) delivers them without a broker. */
    @Valid
    @NotNull
    private KafkaSettings kafka = new KafkaSettings(Messaging.IN_PROCESS);

    /** RabbitMQ for charge commands; {@code uri: inprocess} (the default) delivers them without a broker. */
    @Valid
    @NotNull
    private AmqpSettings amqp = new AmqpSettings(Messaging.IN_PROCESS);

    /** Where pricing and reservations read the catalog (local module or catalog-service). */
    @Valid
    @NotNull
    @JsonProperty
    private CatalogSettings catalog = new CatalogSettings();

    /** Who prices quotes and reservations (local module, pricing-service, or both) and the remote fallback. */
    @Valid
    @NotNull
    @JsonProperty
    private PricingSettings pricing = new PricingSettings();

    /** The services this app calls (catalog- and pricing-service in their remote modes), their HTTP client and Hystrix settings. */
    @Valid
    @NotNull
    @JsonProperty
    private RemoteCallsSettings remote = new RemoteCallsSettings();

    public CatalogSettings getCatalog() {
        return catalog;
    }

    public PricingSettings getPricing() {
        return pricing;
    }

    public RemoteCallsSettings getRemote() {
        return remote;
    }

    @JsonProperty
    public OutboxSettings getOutbox() {
        return outbox;
    }

    @JsonProperty
    public void setOutbox(OutboxSettings outbox) {
        this.outbox = outbox;
    }

    @JsonProperty
    public KafkaSettings getKafka() {
        return kafka;
    }

    @JsonProperty
    public void setKafka(KafkaSettings kafka) {
        this.kafka = kafka;
    }

    @JsonProperty
    public AmqpSettings getAmqp() {
        return amqp;
    }

    @JsonProperty
    public void setAmqp(AmqpSettings amqp) {
        this.amqp = amqp;
    }
}
