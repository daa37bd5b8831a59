package dev.fleet.app.reservations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Supplier;

import static dev.fleet.app.support.Monolith.api;
import static dev.fleet.app.support.Monolith.json;

/** Helpers shared by the reservation flow tests. */
final class Flow {

    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    static final String ALAN = "c0000000-0000-4000-8000-000000000002";

    private Flow() {
    }

    static LocalDate inDays(int days) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(days);
    }

    static String body(String customerId, String carId, LocalDate from, LocalDate to) {
        return "{\"customerId\":\"" + customerId + "\",\"carId\":\"" + carId + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
    }

    static Response post(DropwizardAppExtension<FleetConfiguration> app, String body, String idempotencyKey) {
        Invocation.Builder request = api(app, "/api/reservations").request();
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post(json(body));
    }

    static JsonNode created(DropwizardAppExtension<FleetConfiguration> app, String body) {
        Response response = post(app, body, null);
        String text = response.readEntity(String.class);
        if (response.getStatus() != 201) {
            throw new AssertionError("expected 201, got " + response.getStatus() + ": " + text);
        }
        return Monolith.parse(text);
    }

    static int count(TestDatabase db, String sql, Object... args) {
        return db.jdbi().withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Integer.class).one();
        });
    }

    /** Polls until the condition holds or the deadline passes (the relay delivers asynchronously). */
    static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
