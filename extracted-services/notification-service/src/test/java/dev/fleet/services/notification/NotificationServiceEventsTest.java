package dev.fleet.services.notification;

import com.codahale.metrics.Meter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.brokers.TestKafka;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.messaging.kafka.KafkaTopics;
import dev.fleet.platform.outbox.OutboxMessage;
import dev.fleet.platform.testing.FleetAppExtension;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.reservations.api.ReservationCreated;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.fleet.platform.testing.FleetAppExtension.api;
import static dev.fleet.platform.testing.FleetAppExtension.awaitCount;
import static dev.fleet.platform.testing.FleetAppExtension.count;
import static org.assertj.core.api.Assertions.assertThat;

/** notification-service consuming reservation events from Kafka (embedded, or FLEET_IT_KAFKA). */
@Tag("broker")
@ExtendWith(DropwizardExtensionsSupport.class)
class NotificationServiceEventsTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<NotificationServiceConfiguration> APP =
            FleetAppExtension.app(NotificationServiceApplication.class, DB,
                    ConfigOverride.config("kafka.bootstrapServers", TestKafka::bootstrapServers));

    @Test
    void aReservationCreatedDeliveredTwiceBecomesExactlyOneNotification() throws Exception {
        ObjectMapper json = APP.getObjectMapper();
        String reservationId = "R-" + UUID.randomUUID().toString().substring(0, 8);
        String customerId = "CUST-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate from = LocalDate.now().plusDays(10);
        String payload = json.writeValueAsString(new ReservationCreated(reservationId, customerId, "0345391802", from,
                from.plusDays(2), new BigDecimal("118.00"), "EUR"));
        byte[] body = Envelope.of(OutboxMessage.of(reservationId, ReservationCreated.TYPE, KafkaTopics.RESERVATIONS, payload,
                Instant.now()), json).toBytes(json);
        Meter consumed = APP.getEnvironment().metrics().meter("kafka.consumer." + NotificationServiceApplication.GROUP + ".consumed");
        long before = consumed.getCount();

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int delivery = 0; delivery < 2; delivery++) {
                producer.send(new ProducerRecord<>(KafkaTopics.RESERVATIONS, reservationId, body)).get(20, TimeUnit.SECONDS);
            }
        }

        awaitCount(DB, "the notification", 1, "SELECT COUNT(*) FROM notifications WHERE reservation_id = ?", reservationId);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumed.getCount() < before + 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(consumed.getCount()).as("both deliveries handled").isGreaterThanOrEqualTo(before + 2);
        assertThat(count(DB, "SELECT COUNT(*) FROM notifications WHERE reservation_id = ?", reservationId)).isEqualTo(1);
        JsonNode notifications = api(APP, "/api/notifications").queryParam("customerId", customerId).request().get(JsonNode.class);
        assertThat(notifications).hasSize(1);
        assertThat(notifications.get(0).get("reservationId").asText()).isEqualTo(reservationId);
    }
}
