package dev.fleet.app.reservations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import static dev.fleet.app.reservations.Flow.ADA;
import static dev.fleet.app.reservations.Flow.ALAN;
import static dev.fleet.app.reservations.Flow.await;
import static dev.fleet.app.reservations.Flow.body;
import static dev.fleet.app.reservations.Flow.count;
import static dev.fleet.app.reservations.Flow.inDays;
import static dev.fleet.app.reservations.Flow.post;
import static org.assertj.core.api.Assertions.assertThat;

/** Races through the whole monolith: one reservation per car and period, one per Idempotency-Key. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReservationConcurrencyTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<FleetConfiguration> APP = Monolith.app(DB);

    /** Status and body of one response. */
    record Result(int status, String body) {
    }


    @Test
    void fiftyParallelPostsForOneCarCreateExactlyOneReservation() throws Exception {
        String car = "BCN-FIAT-500-01";
        List<Result> results = parallel(50, i -> body(i % 2 == 0 ? ADA : ALAN, car, inDays(10 + i % 3), inDays(15)), i -> null);

        assertThat(results).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(results).filteredOn(r -> r.status() != 201).hasSize(49)
                .allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(409);
                    assertThat(r.body()).contains("is not available");
                });
        assertThat(count(DB, "SELECT COUNT(*) FROM reservations WHERE car_id = ?", car)).isEqualTo(1);
        everyReservationIsInvoicedAndNotifiedExactlyOnce();
    }

    @Test
    void twentyParallelRetriesWithOneKeyCreateOneReservationAndAllGetItsId() throws Exception {
        String car = "BCN-PEUGEOT-308-01";
        String request = body(ADA, car, inDays(20), inDays(24));
        List<Result> results = parallel(20, i -> request, i -> "retry-me-42");
        // and a few more, one after the other
        for (int i = 0; i < 3; i++) {
            Response response = post(APP, request, "retry-me-42");
            results.add(new Result(response.getStatus(), response.readEntity(String.class)));
        }

        assertThat(results).allSatisfy(r -> assertThat(r.status()).as(r.body()).isEqualTo(201));
        List<String> ids = results.stream().map(r -> Monolith.parse(r.body()).get("id").asText()).distinct().toList();
        assertThat(ids).hasSize(1);
        assertThat(count(DB, "SELECT COUNT(*) FROM reservations WHERE car_id = ?", car)).isEqualTo(1);
        assertThat(count(DB, "SELECT COUNT(*) FROM reservation_outbox WHERE aggregate_id = ?", ids.get(0))).isEqualTo(2);
        everyReservationIsInvoicedAndNotifiedExactlyOnce();
    }

    private static void everyReservationIsInvoicedAndNotifiedExactlyOnce() {
        await("the outbox is drained", () -> count(DB, "SELECT COUNT(*) FROM reservation_outbox WHERE sent_at IS NULL") == 0);
        int reservations = count(DB, "SELECT COUNT(*) FROM reservations");
        assertThat(count(DB, "SELECT COUNT(*) FROM invoices")).isEqualTo(reservations);
        assertThat(count(DB, "SELECT COUNT(DISTINCT reservation_id) FROM invoices")).isEqualTo(reservations);
        assertThat(count(DB, "SELECT COUNT(*) FROM invoices i JOIN reservations r ON r.id = i.reservation_id AND r.total = i.amount"))
                .isEqualTo(reservations);
        assertThat(count(DB, "SELECT COUNT(*) FROM notifications WHERE type = 'RESERVATION_CONFIRMED'")).isEqualTo(reservations);
        assertThat(count(DB, "SELECT COUNT(DISTINCT reservation_id) FROM notifications")).isEqualTo(reservations);
    }

    private static List<Result> parallel(int n, IntFunction<String> body, IntFunction<String> key) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Result> call = () -> {
                    start.await();
                    Response response = post(APP, body.apply(index), key.apply(index));
                    return new Result(response.getStatus(), response.readEntity(String.class));
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<Result> results = new ArrayList<>();
            for (Future<Result> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
