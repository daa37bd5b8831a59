package dev.fleet.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.brokers.TestAmqp;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.billing.BillingServiceApplication;
import dev.fleet.services.billing.BillingServiceConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.util.Arrays;

import static dev.fleet.app.remote.ServiceNextToMonolith.assertSameClientError;
import static dev.fleet.app.remote.ServiceNextToMonolith.awaitFailuresCounted;
import static dev.fleet.app.remote.ServiceNextToMonolith.get;
import static dev.fleet.app.remote.ServiceNextToMonolith.reserve;
import static dev.fleet.app.remote.ServiceNextToMonolith.service;
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

    static final TestDatabase BILLING_DB = TestDatabase.create();
    static final TestDatabase MONOLITH_DB = TestDatabase.create();

    static final DropwizardAppExtension<BillingServiceConfiguration> BILLING = service(BillingServiceApplication.class,
            "billing-service", BILLING_DB,
            ConfigOverride.config("billing-service", "amqp.uri", () -> TestAmqp.uri().toString()),
            ConfigOverride.config("billing-service", "amqp.retryDelay", "200ms"));

    static final DropwizardAppExtension<FleetConfiguration> MONOLITH = Monolith.app(MONOLITH_DB,
            ConfigOverride.config("billing.mode", "remote"),
            ConfigOverride.config("amqp.uri", () -> TestAmqp.uri().toString()),
            ConfigOverride.config("outbox.pollInterval", "50ms"),
            // the port is known once billing-service runs (it starts first)
            ConfigOverride.config("remote.services.billing", () -> "http://127.0.0.1:" + BILLING.getLocalPort()));

    @BeforeAll
    static void start() throws Exception {
        BILLING.before();
        MONOLITH.before();
    }

    @AfterAll
    static void stop() {
        try {
            MONOLITH.after();
        } finally {
            BILLING.after();
            BILLING_DB.close();
        }
    }

    @Test
    @Order(1)
    void aReservationIsInvoicedOnceByBillingServiceAndTheMonolithServesTheInvoiceThroughTheAdapter() throws Exception {
        String id = reserve(MONOLITH, CAR, 30);

        awaitCount(BILLING_DB, "the invoice in billing-service's database", 1,
                "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", id);
        assertThat(count(MONOLITH_DB, "SELECT COUNT(*) FROM invoices")).as("the monolith invoices nothing").isZero();

        // through RabbitMQ: the monolith published the charge, billing-service is the queue's only consumer
        assertThat(consumersOfTheChargeQueue()).isEqualTo(1);
        var monolithMetrics = MONOLITH.getEnvironment().metrics();
        assertThat(monolithMetrics.meter("amqp." + ChargeRequested.DESTINATION + ".published").getCount()).isPositive();
        assertThat(monolithMetrics.getMeters()).doesNotContainKey(CONSUMED);
        assertThat(BILLING.getEnvironment().metrics().meter(CONSUMED).getCount()).isPositive();

        // one API whatever the mode: the monolith's /api/invoices answers what billing-service has
        HttpResponse<String> throughMonolith = get(MONOLITH, "/api/invoices", "reservationId", id);
        HttpResponse<String> fromService = get(BILLING, "/api/invoices", "reservationId", id);
        assertThat(throughMonolith.statusCode()).as(throughMonolith.body()).isEqualTo(200);
        assertThat(throughMonolith.headers().firstValue("X-Fleet-Degraded")).isEmpty();
        JsonNode invoices = parse(throughMonolith.body());
        assertThat(invoices).isEqualTo(parse(fromService.body()));
        assertThat(invoices).hasSize(1);
        assertThat(invoices.get(0).get("reservationId").asText()).isEqualTo(id);
        assertThat(invoices.get(0).get("status").asText()).isEqualTo("ISSUED");
        assertThat(invoices.get(0).get("amount").decimalValue()).isPositive();

        HystrixCommandMetrics invoicesFor = HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey("invoicesFor"));
        assertThat(invoicesFor).as("the read ran as Hystrix command invoicesFor").isNotNull();
        assertThat(invoicesFor.getCommandGroup().name()).isEqualTo("billing");
        assertThat(invoicesFor.getThreadPoolKey().name()).isEqualTo("billing");
        assertThat(count(BILLING_DB, "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", id)).as("still exactly one").isEqualTo(1);
    }

    @Test
    @Order(2)
    void aBadReservationIdGetsTheSameClientErrorAsInLocalMode() throws Exception {
        // billing-service runs the billing module: its answer is the module's in-process (local mode) answer
        for (String bad : Arrays.asList(null, "", "   ", "bad id!", "x".repeat(37), "{x}", "a&b=c", "50%", "a+b", "ü")) {
            assertSameClientError(get(MONOLITH, "/api/invoices", "reservationId", bad),
                    get(BILLING, "/api/invoices", "reservationId", bad), "reservationId=" + bad);
        }
        HttpResponse<String> missing = get(MONOLITH, "/api/invoices", "reservationId", null);
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(parse(missing.body())).isEqualTo(parse(
                "{\"code\":422,\"message\":\"reservationId is required\",\"errors\":[\"reservationId is required\"]}"));
    }

    @Test
    @Order(3)
    void withBillingServiceGoneInvoicesAre503WithRetryAfterAndChargesWaitInRabbitMq() throws Exception {
        BILLING.getTestSupport().after(); // billing-service is gone (this also resets the JVM-global Hystrix state)

        HttpResponse<String> unavailable = get(MONOLITH, "/api/invoices", "reservationId", "R-1");
        assertThat(unavailable.statusCode()).as(unavailable.body()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).contains("5");
        assertThat(unavailable.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(parse(unavailable.body())).isEqualTo(parse("{\"code\":503,\"message\":\"billing is unavailable, retry after 5 s\"}"));
        awaitFailuresCounted("invoicesFor", "billing");

        // reserving does not need billing-service: the charge is published and waits in the queue
        String id = reserve(MONOLITH, CAR, 60);
        awaitCount(MONOLITH_DB, "the charge published to RabbitMQ", 1, "SELECT COUNT(*) FROM reservation_outbox"
                + " WHERE aggregate_id = ? AND type = 'ChargeRequested' AND sent_at IS NOT NULL", id);
        assertThat(count(BILLING_DB, "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", id)).isZero();

        BILLING.getTestSupport().before(); // back (on new ports): it consumes the waiting charge
        awaitCount(BILLING_DB, "the invoice once billing-service is back", 1,
                "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", id);
        assertThat(count(MONOLITH_DB, "SELECT COUNT(*) FROM invoices")).isZero();
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
