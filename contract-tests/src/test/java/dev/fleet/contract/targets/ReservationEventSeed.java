package dev.fleet.contract.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.brokers.TestKafka;
import dev.fleet.contract.Booking;
import dev.fleet.contract.Seed;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.outbox.OutboxMessage;
import dev.fleet.reservations.api.ReservationCancelled;
import dev.fleet.reservations.api.ReservationCreated;
import dev.fleet.reservations.api.ReservationEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Seeds notification-service through its real entry: {@code ReservationCreated} / {@code ReservationCancelled} on
 * the Kafka topic {@code fleet.reservations} (key = reservation id), in the envelope the monolith's outbox relay
 * sends. notification-service has no cars or customers of its own, so those are unsupported.
 */
final class ReservationEventSeed implements Seed {

    private static final String CAR = "0345391802";

    private final StackApp notifications;

    ReservationEventSeed(StackApp notifications) {
        this.notifications = notifications;
    }

    @Override
    public Booking book() {
        Booking booking = new Booking(UUID.randomUUID().toString(), UUID.randomUUID().toString(), new BigDecimal("135.00"), "EUR");
        LocalDate from = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        send(booking.reservationId(), ReservationCreated.TYPE, new ReservationCreated(booking.reservationId(), booking.customerId(),
                CAR, from, from.plusDays(3), booking.total(), booking.currency()));
        return booking;
    }

    @Override
    public void cancel(Booking booking) {
        LocalDate from = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        send(booking.reservationId(), ReservationCancelled.TYPE, new ReservationCancelled(booking.reservationId(), booking.customerId(),
                CAR, from, from.plusDays(3)));
    }

    private void send(String reservationId, String type, Object event) {
        ObjectMapper json = notifications.objectMapper();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            byte[] body = Envelope.of(OutboxMessage.of(reservationId, type, ReservationEvents.TOPIC, json.writeValueAsString(event),
                    Instant.now()), json).toBytes(json);
            producer.send(new ProducerRecord<>(ReservationEvents.TOPIC, reservationId, body)).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type + " for reservation " + reservationId, e);
        }
    }

    @Override
    public String car(String dailyRate) {
        throw new UnsupportedOperationException("notification-service has no cars");
    }

    @Override
    public String customer() {
        throw new UnsupportedOperationException("notification-service has no customers");
    }
}
