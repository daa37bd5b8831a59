package dev.fleet.app;

import dev.fleet.platform.messaging.amqp.AmqpCommandConsumer;
import dev.fleet.platform.messaging.amqp.AmqpConnection;
import dev.fleet.platform.messaging.amqp.AmqpOutboxPublisher;
import dev.fleet.platform.messaging.amqp.AmqpSettings;
import java.net.URI;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.platform.messaging.MessageHandler;
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
import dev.fleet.catalog.remote.RemoteCarCatalog;
import dev.fleet.catalog.CatalogModule;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.customers.CustomersModule;
import dev.fleet.platform.app.FleetApp;
import dev.fleet.platform.module.FleetModule;
import dev.fleet.platform.outbox.OutboxRelay;
import dev.fleet.platform.remote.RemoteCallsBundle;
import dev.fleet.notifications.NotificationsModule;
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

        CatalogModule catalog = new CatalogModule(jdbi);
        CarCatalog cars = cars(configuration, environment, catalog);
        CustomersModule customers = new CustomersModule(jdbi);
        PricingModule pricing = new PricingModule(jdbi, cars, customers.directory(), Clock.systemUTC());
        Pricing prices = pricing(configuration, environment, pricing, cars);
        BillingModule billing = new BillingModule(jdbi, Clock.systemUTC());
        ReservationsModule reservations = new ReservationsModule(jdbi, cars, customers.directory(),
                prices, Clock.systemUTC());
        NotificationsModule notifications = new NotificationsModule(jdbi, Clock.systemUTC());
        List<FleetModule> modules = List.of(catalog, customers, pricing, billing, reservations, notifications);
        modules.forEach(module -> module.register(environment));

        // The reservations outbox: events to notifications, charge commands to billing, each either in process
        // (the default) or through its broker.
        ObjectMapper json = environment.getObjectMapper();
        Map<String, OutboxHandler> outboxHandlers = new HashMap<>();
        outboxHandlers.put(ReservationEvents.TOPIC, events(configuration.getKafka(), notifications, json, environment));
        outboxHandlers.put(ChargeRequested.DESTINATION, commands(configuration.getAmqp(), billing, json, environment));
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
     * Reservation events: in process, or published to Kafka by the relay and consumed by notifications' own
     * consumer group (commits only after the handler succeeded; poison and exhausted retries go to the .dlt topic).
     */
    private static OutboxHandler events(KafkaSettings kafka, NotificationsModule notifications, ObjectMapper json,
                                        Environment environment) {
        Map<String, MessageHandler> handlers = notifications.messageHandlers(json);
        if (Messaging.IN_PROCESS.equals(kafka.getBootstrapServers())) {
            return Messaging.inProcess(handlers, json);
        }
        KafkaTopics.ensure(kafka, KafkaTopics.FLEET);
        Producer<String, byte[]> producer = KafkaProducers.build(kafka, environment, KafkaTopics.FLEET);
        KafkaEventConsumer.register(environment, kafka.getBootstrapServers(), "notifications", List.of(ReservationEvents.TOPIC),
                handlers, producer);
        return new KafkaOutboxPublisher(producer, json, kafka, environment.metrics());
    }

    /**
     * Charge commands: in process, or published to RabbitMQ (persistent, confirmed) and consumed by billing with
     * manual acks, delayed retries and a dead-letter queue.
     */
    private static OutboxHandler commands(AmqpSettings amqp, BillingModule billing, ObjectMapper json, Environment environment) {
        Map<String, MessageHandler> handlers = billing.messageHandlers(json);
        if (Messaging.IN_PROCESS.equals(amqp.getUri())) {
            return Messaging.inProcess(handlers, json);
        }
        AmqpConnection connection = new AmqpConnection(URI.create(amqp.getUri()), "monolith").register(environment);
        AmqpOutboxPublisher publisher = new AmqpOutboxPublisher(connection, json, environment.metrics(), amqp.confirmTimeout());
        environment.lifecycle().manage(publisher);
        AmqpCommandConsumer.register(environment, connection, amqp, ChargeRequested.DESTINATION, handlers);
        return publisher;
    }
}
