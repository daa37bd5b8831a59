package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.platform.messaging.amqp.AmqpSettings;
import dev.fleet.platform.messaging.kafka.KafkaSettings;
import dev.fleet.platform.app.FleetAppConfiguration;
import dev.fleet.platform.remote.RemoteCallsSettings;
import io.dropwizard.validation.ValidationMethod;
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

    /** Where the catalog lives: this app's module (publishing CarChanged), or catalog-service after the cut-over. */
    @Valid
    @NotNull
    @JsonProperty
    private ModuleSettings catalog = new ModuleSettings();

    /** Who prices quotes and reservations (local module, pricing-service, or both) and the remote fallback. */
    @Valid
    @NotNull
    @JsonProperty
    private PricingSettings pricing = new PricingSettings();

    /** Where invoices are kept and charges handled: this app's billing module, or billing-service. */
    @Valid
    @NotNull
    @JsonProperty
    private ModuleSettings billing = new ModuleSettings();

    /** Where notifications are kept and reservation events handled: this app's module, or notification-service. */
    @Valid
    @NotNull
    @JsonProperty
    private ModuleSettings notifications = new ModuleSettings();

    /** The services this app calls (those of its modules in remote mode), their HTTP client and Hystrix settings. */
    @Valid
    @NotNull
    @JsonProperty
    private RemoteCallsSettings remote = new RemoteCallsSettings();

    public ModuleSettings getCatalog() {
        return catalog;
    }

    public PricingSettings getPricing() {
        return pricing;
    }

    public RemoteCallsSettings getRemote() {
        return remote;
    }

    public ModuleSettings getBilling() {
        return billing;
    }

    public ModuleSettings getNotifications() {
        return notifications;
    }

    /** Remote billing needs RabbitMQ: in process, charge commands never leave this app. */
    @JsonIgnore
    @ValidationMethod(message = "billing.mode remote (FLEET_BILLING_MODE) needs a RabbitMQ broker: set amqp.uri"
            + " (FLEET_AMQP_URI); with 'inprocess' charge commands never leave the monolith and billing-service could"
            + " never receive them")
    public boolean isBrokerForRemoteBilling() {
        return billing.mode() != ModuleMode.REMOTE || !Messaging.IN_PROCESS.equals(amqp.getUri());
    }

    /** Remote notifications need Kafka: in process, reservation events never leave this app. */
    @JsonIgnore
    @ValidationMethod(message = "notifications.mode remote (FLEET_NOTIFICATIONS_MODE) needs a Kafka broker: set"
            + " kafka.bootstrapServers (FLEET_KAFKA_BOOTSTRAP); with 'inprocess' reservation events never leave the"
            + " monolith and notification-service could never receive them")
    public boolean isBrokerForRemoteNotifications() {
        return notifications.mode() != ModuleMode.REMOTE || !Messaging.IN_PROCESS.equals(kafka.getBootstrapServers());
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
