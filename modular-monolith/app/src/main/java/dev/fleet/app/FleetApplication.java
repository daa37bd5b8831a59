package dev.fleet.app;

import dev.fleet.platform.messaging.amqp.AmqpCommandConsumer;
import dev.fleet.platform.messaging.amqp.AmqpConnection;
import dev.fleet.platform.messaging.amqp.AmqpOutboxPublisher;
import dev.fleet.platform.messaging.amqp.AmqpSettings;
import java.net.URI;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.platform.messaging.kafka.KafkaEventConsumer;
import dev.fleet.platform.messaging.kafka.KafkaOutboxPublisher;
import dev.fleet.platform.messaging.kafka.KafkaProducers;
import dev.fleet.platform.messaging.kafka.KafkaSettings;
import dev.fleet.platform.messaging.kafka.KafkaTopics;
import dev.fleet.platform.outbox.OutboxHandler;
import dev.fleet.reservations.api.ReservationEvents;
import org.apache.kafka.clients.producer.Producer;
import java.util.HashMap;
import java.util.Map;
import dev.fleet.billing.BillingModule;
import dev.fleet.billing.remote.RemoteBilling;
import dev.fleet.catalog.remote.RemoteCarCatalog;
import dev.fleet.catalog.CatalogModule;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.platform.outbox.Outbox;
import dev.fleet.customers.CustomersModule;
import dev.fleet.platform.app.FleetApp;
import dev.fleet.platform.module.FleetModule;
import dev.fleet.platform.outbox.OutboxRelay;
import dev.fleet.platform.remote.RemoteCallsBundle;
import dev.fleet.notifications.NotificationsModule;
import dev.fleet.notifications.remote.RemoteNotifications;
import dev.fleet.pricing.PricingModule;
import dev.fleet.pricing.api.Pricing;
import dev.fleet.pricing.remote.RemotePricing;
import dev.fleet.reservations.ReservationsModule;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.List;

/** The modular monolith: one Dropwizard application assembling every bounded context. */
public class FleetApplication extends Application<FleetConfiguration> {

    /** The master changelog: it includes each module's own changelog. */
    static final String MIGRATIONS = "migrations.xml";

    public static void main(String[] args) throws Exception {
        new FleetApplication().run(args);
    }

    @Override
    public String getName() {
        return "monolith";
    }

    @Override
    public void initialize(Bootstrap<FleetConfiguration> bootstrap) {
        FleetApp.initialize(bootstrap, MIGRATIONS);
        bootstrap.addBundle(new RemoteCallsBundle());
    }

    @Override
    public void run(FleetConfiguration configuration, Environment environment) {
        Jdbi jdbi = FleetApp.jdbi(configuration, environment, MIGRATIONS);

        CatalogModule catalog = catalog(configuration, environment, jdbi);
        CarCatalog cars = catalog.catalog();
        CustomersModule customers = new CustomersModule(jdbi);
        PricingModule pricing = new PricingModule(jdbi, cars, customers.directory(), Clock.systemUTC());
        Pricing prices = pricing(configuration, environment, pricing, cars);
        BillingModule billing = billing(configuration, environment, jdbi);
        ReservationsModule reservations = new ReservationsModule(jdbi, cars, customers.directory(),
                prices, Clock.systemUTC());
        NotificationsModule notifications = notifications(configuration, environment, jdbi);
        List<FleetModule> modules = List.of(catalog, customers, pricing, billing, reservations, notifications);
        modules.forEach(module -> module.register(environment));

        // The reservations outbox: events to notifications, charge commands to billing, each either in process
        // (the default) or through its broker, consumed here (local mode) or only by the service (remote mode).
        ObjectMapper json = environment.getObjectMapper();
        Producer<String, byte[]> kafka = kafkaProducer(configuration.getKafka(), environment);
        Map<String, OutboxHandler> outboxHandlers = new HashMap<>();
        outboxHandlers.put(ReservationEvents.TOPIC, events(kafka, configuration.getKafka(),
                configuration.getNotifications().mode(), notifications, json, environment));
        outboxHandlers.put(ChargeRequested.DESTINATION, commands(configuration.getAmqp(),
                configuration.getBilling().mode(), billing, json, environment));
        relay(jdbi, reservations.outbox(), outboxHandlers, configuration, environment);
        // The catalog outbox: CarChanged events for catalog-service's copy (nothing new in remote mode: no local writes).
        relay(jdbi, CatalogModule.OUTBOX, Map.of(CarChanged.TOPIC, carChanges(kafka, configuration.getKafka(), json, environment)),
                configuration, environment);
        environment.jersey().register(new LegacyResource());
    }

    private static void relay(Jdbi jdbi, Outbox outbox, Map<String, OutboxHandler> handlers, FleetConfiguration configuration,
                              Environment environment) {
        OutboxRelay relay = new OutboxRelay(jdbi, outbox, handlers, configuration.getOutbox().toSettings(),
                environment.metrics(), Clock.systemUTC());
        environment.lifecycle().manage(relay);
        environment.healthChecks().register(relay.healthCheckName(), relay.healthCheck());
    }

    /**
     * The catalog (branch by abstraction): local, publishing its changes for catalog-service's copy; or, in remote
     * mode, catalog-service itself, for pricing and reservations and for the monolith's own /api/cars.
     */
    private static CatalogModule catalog(FleetConfiguration configuration, Environment environment, Jdbi jdbi) {
        return switch (configuration.getCatalog().mode()) {
            case LOCAL -> CatalogModule.publishing(jdbi, Clock.systemUTC());
            case REMOTE -> CatalogModule.remote(new RemoteCarCatalog(configuration.getRemote().service(environment, "catalog")));
        };
    }

    /** The app's one Kafka producer (topics created first), or null with {@code kafka.bootstrapServers: inprocess}. */
    private static Producer<String, byte[]> kafkaProducer(KafkaSettings kafka, Environment environment) {
        if (Messaging.IN_PROCESS.equals(kafka.getBootstrapServers())) {
            return null;
        }
        KafkaTopics.ensure(kafka, KafkaTopics.FLEET);
        return KafkaProducers.build(kafka, environment, KafkaTopics.FLEET);
    }

    /**
     * The pricing reservations use and GET /api/quotes answers through (branch by abstraction): the local module, or
     * pricing-service in remote mode, with the configured fallback, or both in parallel mode (the local answer counts).
     */
    private static Pricing pricing(FleetConfiguration configuration, Environment environment, PricingModule local,
                                   CarCatalog cars) {
        return switch (configuration.getPricing().mode()) {
            case LOCAL -> local.pricing();
            case REMOTE -> {
                var service = configuration.getRemote().service(environment, "pricing");
                RemotePricing remote = switch (configuration.getPricing().fallback()) {
                    case FAIL_FAST -> RemotePricing.failFast(service);
                    case LIST_PRICE -> RemotePricing.listPrice(service, cars, Clock.systemUTC());
                };
                local.serveQuotesThrough(remote);
                yield remote;
            }
            // the parallel run: the local module answers, pricing-service is asked too and compared (docs/pricing.md);
            // the candidate fails fast, so a pricing-service outage counts as candidate errors, not as mismatches
            case PARALLEL -> {
                var candidate = RemotePricing.failFast(configuration.getRemote().service(environment, "pricing"));
                Pricing parallel = configuration.getPricing().parallel().build(local.pricing(), candidate, environment);
                local.serveQuotesThrough(parallel);
                yield parallel;
            }
        };
    }

    /**
     * Billing (branch by abstraction): the local module, or billing-service in remote mode, where the monolith's
     * /api/invoices answers through RemoteBilling and charges go to billing-service only (see commands).
     */
    private static BillingModule billing(FleetConfiguration configuration, Environment environment, Jdbi jdbi) {
        return switch (configuration.getBilling().mode()) {
            case LOCAL -> new BillingModule(jdbi, Clock.systemUTC());
            case REMOTE -> new BillingModule(new RemoteBilling(configuration.getRemote().service(environment, "billing")));
        };
    }

    /**
     * Notifications: the local module, or notification-service in remote mode, where the monolith's
     * /api/notifications answers through RemoteNotifications and events go to notification-service only (see events).
     */
    private static NotificationsModule notifications(FleetConfiguration configuration, Environment environment, Jdbi jdbi) {
        return switch (configuration.getNotifications().mode()) {
            case LOCAL -> new NotificationsModule(jdbi, Clock.systemUTC());
            case REMOTE -> new NotificationsModule(new RemoteNotifications(
                    configuration.getRemote().service(environment, "notifications")));
        };
    }

    /**
     * Reservation events: in process, or published to Kafka by the relay. In local mode notifications consumes them
     * here as consumer group {@code notifications} (commits only after the handler succeeded; poison and exhausted
     * retries go to the .dlt topic); in remote mode the monolith only publishes and notification-service is that
     * group. (Remote mode without Kafka is refused by the configuration.)
     */
    private static OutboxHandler events(Producer<String, byte[]> producer, KafkaSettings kafka, ModuleMode mode,
                                        NotificationsModule notifications, ObjectMapper json, Environment environment) {
        if (producer == null) {
            return Messaging.inProcess(notifications.messageHandlers(json), json);
        }
        if (mode == ModuleMode.LOCAL) {
            KafkaEventConsumer.register(environment, kafka.getBootstrapServers(), "notifications",
                    List.of(ReservationEvents.TOPIC), notifications.messageHandlers(json), producer);
        }
        return new KafkaOutboxPublisher(producer, json, kafka, environment.metrics());
    }

    /**
     * CarChanged events: to Kafka topic fleet.catalog (key = car id, so one car's changes stay in order), where
     * catalog-service's copy consumes them. Without Kafka they are marked handled at once: nothing in this process
     * listens to them, and catalog-service can only hear them through Kafka; its sync command (docs/catalog-cutover.md)
     * copies whatever it missed.
     */
    private static OutboxHandler carChanges(Producer<String, byte[]> producer, KafkaSettings kafka, ObjectMapper json,
                                            Environment environment) {
        if (producer == null) {
            return message -> { };
        }
        return new KafkaOutboxPublisher(producer, json, kafka, environment.metrics());
    }

    /**
     * Charge commands: in process, or published to RabbitMQ (persistent, confirmed). In local mode billing consumes
     * them here with manual acks, delayed retries and a dead-letter queue; in remote mode the monolith only publishes
     * (declaring the queues, so charges wait in RabbitMQ while billing-service is down) and billing-service consumes.
     * (Remote mode without RabbitMQ is refused by the configuration.)
     */
    private static OutboxHandler commands(AmqpSettings amqp, ModuleMode mode, BillingModule billing, ObjectMapper json,
                                          Environment environment) {
        if (Messaging.IN_PROCESS.equals(amqp.getUri())) {
            return Messaging.inProcess(billing.messageHandlers(json), json);
        }
        AmqpConnection connection = new AmqpConnection(URI.create(amqp.getUri()), "monolith").register(environment);
        AmqpOutboxPublisher publisher = new AmqpOutboxPublisher(connection, json, environment.metrics(), amqp.confirmTimeout());
        environment.lifecycle().manage(publisher);
        if (mode == ModuleMode.LOCAL) {
            AmqpCommandConsumer.register(environment, connection, amqp, ChargeRequested.DESTINATION, billing.messageHandlers(json));
        } else {
            environment.lifecycle().manage(Messaging.declareQueue(connection, ChargeRequested.DESTINATION));
        }
        return publisher;
    }
}
