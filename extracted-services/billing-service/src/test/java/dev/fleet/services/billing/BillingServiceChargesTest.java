package dev.fleet.services.billing;

import com.codahale.metrics.Meter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.brokers.TestAmqp;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.outbox.OutboxMessage;
import dev.fleet.platform.testing.FleetAppExtension;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static dev.fleet.platform.testing.FleetAppExtension.api;
import static dev.fleet.platform.testing.FleetAppExtension.awaitCount;
import static dev.fleet.platform.testing.FleetAppExtension.count;
import static org.assertj.core.api.Assertions.assertThat;

/** billing-service consuming charge commands from RabbitMQ (embedded, or FLEET_IT_RABBITMQ). */
@Tag("broker")
@ExtendWith(DropwizardExtensionsSupport.class)
class BillingServiceChargesTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<BillingServiceConfiguration> APP = FleetAppExtension.app(BillingServiceApplication.class, DB,
            ConfigOverride.config("amqp.uri", () -> TestAmqp.uri().toString()),
            ConfigOverride.config("amqp.retryDelay", "200ms"));

    @Test
    void aChargeDeliveredTwiceBecomesExactlyOneInvoice() throws Exception {
        ObjectMapper json = APP.getObjectMapper();
        String reservationId = "R-" + UUID.randomUUID().toString().substring(0, 8);
        String payload = json.writeValueAsString(new ChargeRequested("C-" + reservationId, reservationId, "CUST-1",
                new BigDecimal("118.00"), "EUR"));
        byte[] body = Envelope.of(OutboxMessage.of(reservationId, ChargeRequested.TYPE, ChargeRequested.DESTINATION, payload,
                Instant.now()), json).toBytes(json);
        Meter consumed = APP.getEnvironment().metrics().meter("amqp." + ChargeRequested.DESTINATION + ".consumed");
        long before = consumed.getCount();

        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(TestAmqp.uri());
        try (Connection connection = factory.newConnection("billing-service-test"); Channel channel = connection.createChannel()) {
            channel.confirmSelect();
            for (int delivery = 0; delivery < 2; delivery++) {
                channel.basicPublish("", ChargeRequested.DESTINATION, true, MessageProperties.PERSISTENT_BASIC, body);
            }
            channel.waitForConfirmsOrDie(10_000);
        }

        awaitCount(DB, "the invoice", 1, "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", reservationId);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumed.getCount() < before + 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(consumed.getCount()).as("both deliveries handled").isGreaterThanOrEqualTo(before + 2);
        assertThat(count(DB, "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", reservationId)).isEqualTo(1);
        String invoices = api(APP, "/api/invoices").queryParam("reservationId", reservationId).request().get(String.class);
        assertThat(invoices).contains("\"amount\":118.00", "\"currency\":\"EUR\"");
    }
}
