package dev.fleet.services.notification;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.notifications.NotificationsModule;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * notification-service: the notifications module alone on its own database. With a broker
 * ({@code FLEET_KAFKA_BOOTSTRAP}) it consumes {@code fleet.reservations} as consumer group {@code notifications}
 * (commits only after the handler succeeded; poison and exhausted retries go to the .dlt topic); without one it
 * only serves the notifications API.
 */
public class NotificationServiceApplication extends Application<NotificationServiceConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationServiceApplication.class);

    /**
     * The master changelog: the notifications module's changelog only. Named after the service, not migrations.xml, so it
     * does not clash with the monolith's when both are on one classpath (the monolith's notifications remote-mode test).
     */
    static final String MIGRATIONS = "notification-service-migrations.xml";
    /** The same group as the monolith's consumer: whichever runs, each event is handled once per group. */
    static final String GROUP = "notifications";

    public static void main(String[] args) throws Exception {
        new NotificationServiceApplication().run(args);
    }

    @Override
    public String getName() {
        return "notification-service";
    }

    @Override
    public void initialize(Bootstrap<NotificationServiceConfiguration> bootstrap) {
        FleetApp.initialize(bootstrap, MIGRATIONS);
    }

    @Override
    public void run(NotificationServiceConfiguration configuration, Environment environment) {
        Jdbi jdbi = FleetApp.jdbi(configuration, environment, MIGRATIONS);
        NotificationsModule notifications = new NotificationsModule(jdbi, Clock.systemUTC());
        notifications.register(environment);
        consumeEvents(configuration.getKafka(), notifications, environment);
    }

    private static void consumeEvents(KafkaSettings kafka, NotificationsModule notifications, Environment environment) {
        if (!FleetApp.brokerConfigured(kafka.getBootstrapServers())) {
            LOG.warn("No Kafka configured (FLEET_KAFKA_BOOTSTRAP): notification-service receives no events from {}"
                    + " and only serves its API", KafkaTopics.RESERVATIONS);
            return;
        }
        ObjectMapper json = environment.getObjectMapper();
        KafkaTopics.ensure(kafka, List.of(KafkaTopics.RESERVATIONS));
        // the producer sends poison and exhausted messages to the .dlt topic and serves the redrive task
        Producer<String, byte[]> producer = KafkaProducers.build(kafka, environment, List.of(KafkaTopics.RESERVATIONS));
        KafkaEventConsumer.register(environment, kafka.getBootstrapServers(), GROUP, List.of(KafkaTopics.RESERVATIONS),
                notifications.messageHandlers(json), producer);
    }
}
