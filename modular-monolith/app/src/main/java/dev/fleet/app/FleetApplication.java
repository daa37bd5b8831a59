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
import dev.fleet.customers.CustomersModule;
import dev.fleet.platform.app.FleetApp;
import dev.fleet.platform.module.FleetModule;
import dev.fleet.platform.outbox.OutboxRelay;
import dev.fleet.platform.remote.RemoteCallsBundle;
import dev.fleet.notifications.NotificationsModule;
import dev.fleet.notifications.remote.RemoteNotifications;
import dev.fleet.pricing.PricingModule;
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

        CatalogModule catalog = new CatalogModule(jdbi);
        CarCatalog cars = cars(configuration, environment, catalog);
        CustomersModule customers = new CustomersModule(jdbi);
        PricingModule pricing = new PricingModule(jdbi, cars, customers.directory(), Clock.systemUTC());
        BillingModule billing = billing(configuration, environment, jdbi);
        ReservationsModule reservations = new ReservationsModule(jdbi, cars, customers.directory(),
                pricing.pricing(), Clock.systemUTC());
        NotificationsModule notifications = notifications(configuration, environment, jdbi);
        List<FleetModule> modules = List.of(catalog, customers, pricing, billing, reservations, notifications);
        modules.forEach(module -> module.register(environment));

        // The reservations outbox: events to notifications, charge commands to billing, each either in process
        // (the default) or through its broker, consumed here (local mode) or only by the service (remote mode).
        ObjectMapper json = environment.getObjectMapper();
        Map<String, OutboxHandler> outboxHandlers = new HashMap<>();
        outboxHandlers.put(ReservationEvents.TOPIC, events(configuration.getKafka(),
                configuration.getNotifications().mode(), notifications, json, environment));
        outboxHandlers.put(ChargeRequested.DESTINATION, commands(configuration.getAmqp(),
                configuration.getBilling().mode(), billing, json, environment));
        OutboxRelay relay = new OutboxRelay(jdbi, reservations.outbox(), outboxHandlers,
                configuration.getOutbox().toSettings(), environment.metrics(), Clock.systemUTC());
        environment.lifecycle().manage(relay);
        environment.healthChecks().register(relay.healthCheckName(), relay.healthCheck());
        environment.jersey().register(new LegacyResource());
    }

    /**
     * The catalog pricing and reservations read (branch by abstraction): the local module, or catalog-service in
     * remote mode. The monolith's own /api/cars stays local either way.
     */
    private static CarCatalog cars(FleetConfiguration configuration, Environment environment, CatalogModule local) {
        return switch (configuration.getCatalog().mode()) {
            case LOCAL -> local.catalog();
            case REMOTE -> new RemoteCarCatalog(configuration.getRemote().service(environment, "catalog"));
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
    private static OutboxHandler events(KafkaSettings kafka, ModuleMode mode, NotificationsModule notifications,
                                        ObjectMapper json, Environment environment) {
        if (Messaging.IN_PROCESS.equals(kafka.getBootstrapServers())) {
            return Messaging.inProcess(notifications.messageHandlers(json), json);
        }
        KafkaTopics.ensure(kafka, KafkaTopics.FLEET);
        Producer<String, byte[]> producer = KafkaProducers.build(kafka, environment, KafkaTopics.FLEET);
        if (mode == ModuleMode.LOCAL) {
            KafkaEventConsumer.register(environment, kafka.getBootstrapServers(), "notifications",
                    List.of(ReservationEvents.TOPIC), notifications.messageHandlers(json), producer);
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
