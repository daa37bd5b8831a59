package dev.fleet.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.fleet.app.support.ServiceNextToMonolith;
import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.brokers.TestAmqp;
import dev.fleet.services.billing.BillingServiceApplication;
import dev.fleet.services.billing.BillingServiceConfiguration;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;

import static dev.fleet.app.support.ApiAssertions.assertUnavailable;
import static dev.fleet.app.support.ServiceNextToMonolith.assertRanAsCommandOf;
import static dev.fleet.app.support.ServiceNextToMonolith.awaitFailuresCounted;
import static dev.fleet.app.support.ServiceNextToMonolith.get;
import static dev.fleet.app.support.ServiceNextToMonolith.reserve;
import static dev.fleet.app.support.Monolith.parse;
import static dev.fleet.platform.testing.FleetAppExtension.awaitCount;
import static dev.fleet.platform.testing.FleetAppExtension.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith in billing remote mode next to a real billing-service (same JVM, same RabbitMQ): the monolith only
 * publishes charge commands, billing-service alone consumes them and keeps the invoices, and the monolith's
 * /api/invoices answers through RemoteBilling — 503 with Retry-After while billing-service is gone.
 */
@Tag("broker")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BillingRemoteModeTest {

    static final String CAR = "0345391802";
    static final String CONSUMED = "amqp." + ChargeRequested.DESTINATION + ".consumed";

    // billing-service and the monolith (billing remote) on one RabbitMQ
    @RegisterExtension
    static final ServiceNextToMonolith<BillingServiceConfiguration> APPS = ServiceNextToMonolith.onOneBroker(
            BillingServiceApplication.class, "billing-service", "billing", "amqp.uri", () -> TestAmqp.uri().toString(),
            ConfigOverride.config("billing-service", "amqp.retryDelay", "200ms"));

    @Test
    @Order(1)
    void aReservationIsInvoicedOnceByBillingServiceAndTheMonolithServesTheInvoiceThroughTheAdapter() throws Exception {
        String id = reserve(APPS.monolith, CAR, 30);

        awaitCount(APPS.serviceDb, "the invoice in billing-service's database", 1,
                "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", id);
        assertThat(count(APPS.monolithDb, "SELECT COUNT(*) FROM invoices")).as("the monolith invoices nothing").isZero();

        // through RabbitMQ: the monolith published the charge, billing-service is the queue's only consumer
        assertThat(consumersOfTheChargeQueue()).isEqualTo(1);
        var monolithMetrics = APPS.monolith.getEnvironment().metrics();
        assertThat(monolithMetrics.meter("amqp." + ChargeRequested.DESTINATION + ".published").getCount()).isPositive();
        assertThat(monolithMetrics.getMeters()).doesNotContainKey(CONSUMED);
        assertThat(APPS.service.getEnvironment().metrics().meter(CONSUMED).getCount()).isPositive();

        // one API whatever the mode: the monolith's /api/invoices answers what billing-service has
        HttpResponse<String> throughMonolith = get(APPS.monolith, "/api/invoices", "reservationId", id);
        HttpResponse<String> fromService = get(APPS.service, "/api/invoices", "reservationId", id);
        assertThat(throughMonolith.statusCode()).as(throughMonolith.body()).isEqualTo(200);
        assertThat(throughMonolith.headers().firstValue("X-Fleet-Degraded")).isEmpty();
        JsonNode invoices = parse(throughMonolith.body());
        assertThat(invoices).isEqualTo(parse(fromService.body()));
        assertThat(invoices).hasSize(1);
        assertThat(invoices.get(0).get("reservationId").asText()).isEqualTo(id);
        assertThat(invoices.get(0).get("status").asText()).isEqualTo("ISSUED");
        assertThat(invoices.get(0).get("amount").decimalValue()).isPositive();

        assertRanAsCommandOf("invoicesFor", "billing");
        assertThat(count(APPS.serviceDb, "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", id)).as("still exactly one").isEqualTo(1);
    }

    @Test
    @Order(2)
    void aBadReservationIdGetsTheSameClientErrorAsInLocalMode() throws Exception {
        // billing-service runs the billing module: its answer is the module's in-process (local mode) answer
        APPS.assertBadValuesAnsweredAsTheServiceDoes("/api/invoices", "reservationId");
    }

    @Test
    @Order(3)
    void withBillingServiceGoneInvoicesAre503WithRetryAfterAndChargesWaitInRabbitMq() throws Exception {
        APPS.service.getTestSupport().after(); // billing-service is gone (this also resets the JVM-global Hystrix state)

        assertUnavailable(get(APPS.monolith, "/api/invoices", "reservationId", "R-1"), "billing");
        awaitFailuresCounted("invoicesFor", "billing");

        // reserving does not need billing-service: the charge is published and waits in the queue
        String id = reserve(APPS.monolith, CAR, 60);
        awaitCount(APPS.monolithDb, "the charge published to RabbitMQ", 1, "SELECT COUNT(*) FROM reservation_outbox"
                + " WHERE aggregate_id = ? AND type = 'ChargeRequested' AND sent_at IS NOT NULL", id);
        assertThat(count(APPS.serviceDb, "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", id)).isZero();

        APPS.service.getTestSupport().before(); // back (on new ports): it consumes the waiting charge
        awaitCount(APPS.serviceDb, "the invoice once billing-service is back", 1,
                "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", id);
        assertThat(count(APPS.monolithDb, "SELECT COUNT(*) FROM invoices")).isZero();
    }

    /** How many consumers the charge queue has, as the broker sees it. */
    private static int consumersOfTheChargeQueue() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(TestAmqp.uri());
        try (Connection connection = factory.newConnection("billing-remote-mode-test");
             Channel channel = connection.createChannel()) {
            return channel.queueDeclarePassive(ChargeRequested.DESTINATION).getConsumerCount();
        }
    }
}
