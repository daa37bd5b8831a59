package dev.fleet.app.reservations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.brokers.TestAmqp;
import dev.fleet.brokers.TestKafka;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.fleet.app.reservations.Flow.ADA;
import static dev.fleet.app.reservations.Flow.body;
import static dev.fleet.app.reservations.Flow.count;
import static dev.fleet.app.reservations.Flow.inDays;
import static dev.fleet.app.support.Monolith.api;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith with its messages going through real brokers (embedded by default, the CI servers when
 * FLEET_IT_KAFKA is set): while hundreds of reservations are made, the broker restarts, or the app itself
 * restarts; afterwards every reservation has exactly one notification and one invoice.
 */
@Tag("broker")
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NoLossThroughBrokersTest {

    static final int RESERVATIONS = 500;
    static final int DATE_SLOTS = 60;

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<FleetConfiguration> APP = Monolith.app(DB,
            ConfigOverride.config("kafka.bootstrapServers", TestKafka::bootstrapServers),
            ConfigOverride.config("amqp.uri", () -> TestAmqp.uri().toString()),
            ConfigOverride.config("amqp.retryDelay", "200ms"),
            // small batches so delivery is still under way when the test restarts something
            ConfigOverride.config("outbox.pollInterval", "50ms"),
            ConfigOverride.config("outbox.batchSize", "5"),
            ConfigOverride.config("outbox.initialBackoff", "200ms"),
            ConfigOverride.config("outbox.maxBackoff", "1s"));

    static final AtomicInteger SLOT = new AtomicInteger();

    @Test
    @Order(1)
    void aReservationIsNotifiedThroughKafkaAndInvoicedThroughRabbitMq() {
        String id = Flow.created(APP, body(ADA, "0345391802", inDays(700), inDays(703))).get("id").asText();
        awaitCount("its notification", "SELECT COUNT(*) FROM notifications WHERE reservation_id = ?", 1, id);
        awaitCount("its invoice", "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", 1, id);
        var metrics = APP.getEnvironment().metrics();
        assertThat(metrics.meter("kafka.published").getCount()).as("went through Kafka").isPositive();
        assertThat(metrics.meter("amqp.fleet.billing.charges.published").getCount()).as("went through RabbitMQ").isPositive();
        // the consumer counts a message after its ack, which follows the invoice's commit: poll, do not race it
        Flow.await("the charge consumer counted it", () -> metrics.meter("amqp.fleet.billing.charges.consumed").getCount() > 0);
    }

    @Test
    @Order(2)
    void kafkaRestartWhileReservingLosesNothingAndDuplicatesNothing() throws Exception {
        List<String> ids = reserve(RESERVATIONS, RESERVATIONS / 3, TestKafka::restart);
        assertDeliveredExactlyOnce(ids);
    }

    @Test
    @Order(3)
    void rabbitMqRestartWhileReservingLosesNothingAndDuplicatesNothing() throws Exception {
        List<String> ids = reserve(RESERVATIONS, RESERVATIONS / 3, TestAmqp::restart);
        assertDeliveredExactlyOnce(ids);
    }

    @Test
    @Order(4)
    void appRestartWhileDeliveringLosesNothingAndDuplicatesNothing() throws Exception {
        List<String> ids = reserve(RESERVATIONS, RESERVATIONS, () -> { });
        // Delivery of those messages is under way: stop the app (relay and consumers with it) and start it again.
        assertThat(count(DB, "SELECT COUNT(*) FROM reservation_outbox WHERE sent_at IS NULL")).as("still delivering").isPositive();
        APP.getTestSupport().after();
        APP.getTestSupport().before();
        assertDeliveredExactlyOnce(ids);
    }

    interface Action {
        void run() throws Exception;
    }

    /** Makes {@code n} reservations from 8 threads; runs {@code action} once {@code at} of them were sent. */
    private static List<String> reserve(int n, int at, Action action) throws Exception {
        List<String> cars = api(APP, "/api/cars").request().get(JsonNode.class).findValuesAsText("id");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String url = "http://127.0.0.1:" + APP.getLocalPort() + "/api/reservations";
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            Future<?> restart = null;
            for (int i = 0; i < n; i++) {
                if (i == at) {
                    restart = Executors.newSingleThreadExecutor().submit(() -> {
                        action.run();
                        return null;
                    });
                }
                // each reservation gets its own car and date slot, so none conflicts with another
                int slot = SLOT.getAndIncrement();
                LocalDate from = inDays(1 + 3 * (slot / cars.size() % DATE_SLOTS) + 200 * (slot / (cars.size() * DATE_SLOTS)));
                String car = cars.get(slot % cars.size());
                results.add(pool.submit(() -> {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body(ADA, car, from, from.plusDays(2)))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                    return Monolith.parse(response.body()).get("id").asText();
                }));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> result : results) {
                ids.add(result.get());
            }
            if (restart != null) {
                restart.get();
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertDeliveredExactlyOnce(List<String> ids) {
        String in = "reservation_id IN (SELECT id FROM reservations WHERE id IN (" + "?,".repeat(ids.size() - 1) + "?))";
        awaitCount("a notification per reservation", "SELECT COUNT(*) FROM notifications WHERE type = 'RESERVATION_CONFIRMED' AND " + in,
                ids.size(), ids.toArray());
        awaitCount("an invoice per reservation", "SELECT COUNT(*) FROM invoices WHERE " + in, ids.size(), ids.toArray());
        assertThat(count(DB, "SELECT COUNT(DISTINCT reservation_id) FROM notifications WHERE type = 'RESERVATION_CONFIRMED' AND " + in, ids.toArray()))
                .isEqualTo(ids.size());
    }

    private static void awaitCount(String what, String sql, int expected, Object... args) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            seen = count(DB, sql, args);
            if (seen == expected) {
                return;
            }
            assertThat(seen).as(what + ": more than expected means a duplicate").isLessThanOrEqualTo(expected);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what + ": " + seen + " of " + expected);
    }
}
