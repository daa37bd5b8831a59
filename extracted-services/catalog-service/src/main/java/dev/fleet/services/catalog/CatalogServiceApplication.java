package dev.fleet.services.catalog;

import dev.fleet.catalog.CatalogModule;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.platform.app.FleetApp;
import dev.fleet.platform.messaging.kafka.KafkaEventConsumer;
import dev.fleet.platform.messaging.kafka.KafkaProducers;
import dev.fleet.platform.messaging.kafka.KafkaSettings;
import dev.fleet.platform.messaging.kafka.KafkaTopics;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import org.apache.kafka.clients.producer.Producer;
import org.jdbi.v3.core.Jdbi;

import java.util.List;

/**
 * catalog-service: the catalog module alone, serving the cars API from its own database. With
 * {@code catalog.source: self} (the default) it owns the cars; with {@code monolith} its database is a read-only copy
 * of the monolith's catalog, fed by CarChanged events from Kafka topic {@code fleet.catalog} (consumer group
 * {@code catalog-service}) and by the {@code sync} command.
 */
public class CatalogServiceApplication extends Application<CatalogServiceConfiguration> {

    /**
     * The master changelog: the catalog module's changelog only. Named after the service, not migrations.xml, so
     * it does not clash with the monolith's when both are on one classpath (the monolith's catalog remote-mode test).
     */
    public static final String MIGRATIONS = "catalog-service-migrations.xml";
    /** The consumer group of the copy: one per service, so every instance set shares the topic's partitions. */
    public static final String GROUP = "catalog-service";

    public static void main(String[] args) throws Exception {
        new CatalogServiceApplication().run(args);
    }

    @Override
    public String getName() {
        return "catalog-service";
    }

    @Override
    public void initialize(Bootstrap<CatalogServiceConfiguration> bootstrap) {
        FleetApp.initialize(bootstrap, MIGRATIONS);
        bootstrap.addCommand(new SyncCommand());
    }

    @Override
    public void run(CatalogServiceConfiguration configuration, Environment environment) {
        KafkaSettings kafka = configuration.getKafka();
        CatalogSource source = configuration.getCatalog().source();
        if (source == CatalogSource.MONOLITH && !FleetApp.brokerConfigured(kafka.getBootstrapServers())) {
            // checked before touching the database: a copy that can never hear a change must not start
            throw new IllegalStateException("catalog.source is monolith (FLEET_CATALOG_SOURCE) but no Kafka is configured:"
                    + " set FLEET_KAFKA_BOOTSTRAP to the monolith's Kafka, or use catalog.source self");
        }
        Jdbi jdbi = FleetApp.jdbi(configuration, environment, MIGRATIONS);
        CatalogModule catalog = switch (source) {
            case SELF -> CatalogModule.standalone(jdbi);
            case MONOLITH -> CatalogModule.copy(jdbi);
        };
        catalog.register(environment);
        if (source == CatalogSource.MONOLITH) {
            KafkaTopics.ensure(kafka, List.of(CarChanged.TOPIC));
            // the producer sends poison and exhausted messages to fleet.catalog.dlt and serves the redrive task
            Producer<String, byte[]> producer = KafkaProducers.build(kafka, environment, List.of(CarChanged.TOPIC));
            KafkaEventConsumer.register(environment, kafka.getBootstrapServers(), GROUP, List.of(CarChanged.TOPIC),
                    catalog.messageHandlers(environment.getObjectMapper()), producer);
        }
    }
}
