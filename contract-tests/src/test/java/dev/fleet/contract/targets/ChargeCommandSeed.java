package dev.fleet.contract.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.brokers.TestAmqp;
import dev.fleet.contract.Booking;
import dev.fleet.contract.Seed;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.outbox.OutboxMessage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Seeds billing-service through its real entry: a {@code ChargeRequested} command on the RabbitMQ queue
 * {@code fleet.billing.charges}, in the envelope the monolith's outbox relay sends. billing-service has no cars,
 * customers or cancellations, so only {@link #book()} is supported.
 */
final class ChargeCommandSeed implements Seed {

    private final StackApp billing;

    ChargeCommandSeed(StackApp billing) {
        this.billing = billing;
    }

    @Override
    public Booking book() {
        Booking booking = new Booking(UUID.randomUUID().toString(), UUID.randomUUID().toString(), new BigDecimal("131.40"), "EUR");
        ObjectMapper json = billing.objectMapper();
        try {
            String payload = json.writeValueAsString(new ChargeRequested(UUID.randomUUID().toString(), booking.reservationId(),
                    booking.customerId(), booking.total(), booking.currency()));
            byte[] body = Envelope.of(OutboxMessage.of(booking.reservationId(), ChargeRequested.TYPE, ChargeRequested.DESTINATION,
                    payload, Instant.now()), json).toBytes(json);
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(TestAmqp.uri());
            try (Connection connection = factory.newConnection("contract-seed"); Channel channel = connection.createChannel()) {
                channel.queueDeclarePassive(ChargeRequested.DESTINATION); // billing-service declared it: fails clearly if not
                channel.confirmSelect();
                channel.basicPublish("", ChargeRequested.DESTINATION, true, MessageProperties.PERSISTENT_BASIC, body);
                channel.waitForConfirmsOrDie(10_000);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send a charge command for " + booking, e);
        }
        return booking;
    }

    @Override
    public String car(String dailyRate) {
        throw new UnsupportedOperationException("billing-service has no cars");
    }

    @Override
    public String customer() {
        throw new UnsupportedOperationException("billing-service has no customers");
    }

    @Override
    public void cancel(Booking booking) {
        throw new UnsupportedOperationException("billing-service does not hear of cancellations");
    }
}
