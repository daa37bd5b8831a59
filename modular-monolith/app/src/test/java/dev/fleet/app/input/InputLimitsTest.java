package dev.fleet.app.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.fleet.app.support.ApiAssertions.assertError;
import static dev.fleet.app.support.Monolith.api;
import static dev.fleet.app.support.Monolith.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every field of every module's input at, just over and far over its limits, and with control characters: each
 * refusal is a 4xx naming the field and leaves the database exactly as it was; each value at a limit is accepted and
 * stored as sent. Runs on H2 in {@code ./mvnw verify} and on PostgreSQL in {@code .ci/run} (FLEET_IT_POSTGRES), where
 * the database's own rules are stricter (it refuses NUL, for one). The limits are docs/api-limits.md's.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InputLimitsTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<FleetConfiguration> APP = Monolith.app(DB);

    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    static final String GALAXY = "0345391802";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    /** Control characters a JSON string can carry (as escapes), one of each kind: NUL, C0, DEL, C1, and half a surrogate pair. */
    static final Map<String, String> BAD_CHARACTERS = Map.of(
            "NUL", "\\u0000", "BEL", "\\u0007", "newline", "\\n", "DEL", "\\u007f", "C1 NEL", "\\u0085", "lone surrogate", "\\ud800");

    static Stream<Arguments> refused() {
        String car = "{\"manufacturer\":\"%s\",\"model\":\"%s\",\"dailyRate\":%s}";
        String customer = "{\"name\":\"%s\",\"email\":\"%s\",\"licenceNumber\":\"%s\"}";
        String reservation = "{\"customerId\":\"%s\",\"carId\":\"%s\",\"from\":\"%s\",\"to\":\"%s\"}";
        LocalDate from = TODAY.plusDays(30);
        LocalDate to = from.plusDays(3);
        Stream.Builder<Arguments> cases = Stream.builder();

        // catalog: POST and PUT /api/cars
        for (String method : List.of("POST", "PUT")) {
            String path = method.equals("POST") ? "/api/cars" : "/api/cars/" + GALAXY;
            cases.add(arguments(method + " manufacturer just over", method, path, car.formatted("m".repeat(101), "X", "50"), 422, "manufacturer must be at most 100 characters"));
            cases.add(arguments(method + " manufacturer far over", method, path, car.formatted("m".repeat(10_000), "X", "50"), 422, "manufacturer must be at most 100 characters"));
            cases.add(arguments(method + " model just over", method, path, car.formatted("Ford", "m".repeat(101), "50"), 422, "model must be at most 100 characters"));
            cases.add(arguments(method + " dailyRate just over", method, path, car.formatted("Ford", "X", "10000.01"), 422, "dailyRate must be at most 10000.00"));
            cases.add(arguments(method + " dailyRate over its column", method, path, car.formatted("Ford", "X", "123456789012"), 422, "dailyRate must be at most 10000.00"));
            cases.add(arguments(method + " dailyRate far over", method, path, car.formatted("Ford", "X", "1e400"), 422, "dailyRate must be at most 10000.00"));
            cases.add(arguments(method + " dailyRate three decimals", method, path, car.formatted("Ford", "X", "0.001"), 422, "dailyRate must have at most two decimal places"));
            cases.add(arguments(method + " dailyRate zero", method, path, car.formatted("Ford", "X", "0"), 422, "dailyRate must be greater than 0"));
            BAD_CHARACTERS.forEach((kind, character) -> {
                cases.add(arguments(method + " manufacturer with " + kind, method, path, car.formatted("Fo" + character + "rd", "X", "50"), 422,
                        character.equals("\\ud800") ? "manufacturer must be valid Unicode text" : "manufacturer must not contain control characters"));
                cases.add(arguments(method + " model with " + kind, method, path, car.formatted("Ford", "X" + character, "50"), 422, "model must"));
            });
            cases.add(arguments(method + " location with NUL", method, path, "{\"manufacturer\":\"Ford\",\"model\":\"X\",\"location\":\"MA\\u0000\"}", 422, "location must be"));
        }
        cases.add(arguments("POST id just over", "POST", "/api/cars", "{\"id\":\"" + "i".repeat(37) + "\",\"manufacturer\":\"Ford\",\"model\":\"X\"}", 422, "id must be 1-36"));
        cases.add(arguments("POST id with NUL", "POST", "/api/cars", "{\"id\":\"ID\\u0000X\",\"manufacturer\":\"Ford\",\"model\":\"X\"}", 422, "id must be 1-36"));

        // customers: POST /api/customers
        cases.add(arguments("name just over", "POST", "/api/customers", customer.formatted("n".repeat(101), "n@example.com", "LIM-NAME"), 422, "name must be at most 100 characters"));
        cases.add(arguments("name far over", "POST", "/api/customers", customer.formatted("n".repeat(10_000), "n@example.com", "LIM-NAME"), 422, "name must be at most 100 characters"));
        cases.add(arguments("email just over", "POST", "/api/customers", customer.formatted("N", "e".repeat(243) + "@example.com", "LIM-MAIL"), 422, "email must be at most 254 characters"));
        cases.add(arguments("licenceNumber just over", "POST", "/api/customers", customer.formatted("N", "l@example.com", "L".repeat(21)), 422, "licenceNumber must be 5-20"));
        BAD_CHARACTERS.forEach((kind, character) -> {
            cases.add(arguments("name with " + kind, "POST", "/api/customers", customer.formatted("Ad" + character + "a", "c@example.com", "LIM-CTRL"), 422, "name must"));
            cases.add(arguments("email with " + kind, "POST", "/api/customers", customer.formatted("Ada", "a" + character + "@example.com", "LIM-CTRL"), 422, "email must"));
            cases.add(arguments("licenceNumber with " + kind, "POST", "/api/customers", customer.formatted("Ada", "c@example.com", "LIM" + character + "CTRL"), 422, "licenceNumber must"));
        });

        // reservations: POST /api/reservations (the dates' rules are pricing's RentalPeriod)
        cases.add(arguments("customerId just over", "POST", "/api/reservations", reservation.formatted("c".repeat(37), GALAXY, from, to), 422, "customerId must be 1-36"));
        cases.add(arguments("customerId with NUL", "POST", "/api/reservations", reservation.formatted("c\\u0000", GALAXY, from, to), 422, "customerId must not contain control characters"));
        cases.add(arguments("carId just over", "POST", "/api/reservations", reservation.formatted(ADA, "c".repeat(37), from, to), 422, "carId must be 1-36"));
        cases.add(arguments("carId with DEL", "POST", "/api/reservations", reservation.formatted(ADA, "MAD\\u007f", from, to), 422, "carId must not contain control characters"));
        cases.add(arguments("from just past the horizon", "POST", "/api/reservations", reservation.formatted(ADA, GALAXY, TODAY.plusDays(731), TODAY.plusDays(733)), 422, "from must be at most 730 days from today"));
        cases.add(arguments("from beyond any database date", "POST", "/api/reservations", reservation.formatted(ADA, GALAXY, "+999999999-01-01", "+999999999-01-05"), 422, "from must be at most 730 days from today"));
        cases.add(arguments("one day too long", "POST", "/api/reservations", reservation.formatted(ADA, GALAXY, from, from.plusDays(91)), 422, "to must be at most 90 days after from"));
        cases.add(arguments("dates with NUL", "POST", "/api/reservations", reservation.formatted(ADA, GALAXY, from + "\\u0000", to), 422, "from must be a date"));
        return cases.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aBodyBeyondAFieldsLimitIsRefusedNamingItAndChangesNothing(String label, String method, String path, String body, int status, String message) {
        Tables tables = new Tables(DB);
        Map<String, List<String>> before = tables.snapshot();
        assertError(send(method, api(APP, path).request(), body), status, message);
        assertThat(tables.snapshot()).as("the database after a refused request").isEqualTo(before);
    }

    static Stream<Arguments> refusedQueries() {
        LocalDate from = TODAY.plusDays(30);
        return Stream.of(
                arguments("quote from past the horizon", api(APP, "/api/quotes").queryParam("carId", GALAXY)
                        .queryParam("from", TODAY.plusDays(731)).queryParam("to", TODAY.plusDays(732)), 422, "from must be at most 730 days from today"),
                arguments("quote beyond any database date", api(APP, "/api/quotes").queryParam("carId", GALAXY)
                        .queryParam("from", "+999999-01-01").queryParam("to", "+999999-01-05"), 422, "from must be at most 730 days from today"),
                arguments("quote too long", api(APP, "/api/quotes").queryParam("carId", GALAXY)
                        .queryParam("from", from).queryParam("to", from.plusDays(91)), 422, "to must be at most 90 days after from"),
                arguments("quote carId with NUL", api(APP, "/api/quotes").queryParam("carId", "MAD\u0000")
                        .queryParam("from", from).queryParam("to", from.plusDays(1)), 422, "carId: unknown car"),
                arguments("invoices reservationId just over", api(APP, "/api/invoices").queryParam("reservationId", "r".repeat(37)), 422, "reservationId must be 1-36"),
                arguments("invoices reservationId with NUL", api(APP, "/api/invoices").queryParam("reservationId", "r\u0000"), 422, "reservationId must not contain control characters"),
                arguments("notifications customerId just over", api(APP, "/api/notifications").queryParam("customerId", "c".repeat(37)), 422, "customerId must be 1-36"),
                arguments("notifications customerId with BEL", api(APP, "/api/notifications").queryParam("customerId", "c\u0007"), 422, "customerId must not contain control characters"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedQueries")
    void aQueryParameterBeyondItsLimitIsRefusedNamingIt(String label, WebTarget target, int status, String message) {
        assertError(target.request().get(), status, message);
    }

    @Test
    void anIdempotencyKeyBeyondItsLimitIsA400AndChangesNothing() {
        String body = "{\"customerId\":\"" + ADA + "\",\"carId\":\"" + GALAXY + "\",\"from\":\"" + TODAY.plusDays(200) + "\",\"to\":\"" + TODAY.plusDays(201) + "\"}";
        Tables tables = new Tables(DB);
        Map<String, List<String>> before = tables.snapshot();
        assertError(api(APP, "/api/reservations").request().header("Idempotency-Key", "k".repeat(101)).post(json(body)), 400, "Idempotency-Key must be 1-100 printable ASCII characters");
        assertError(api(APP, "/api/reservations").request().header("Idempotency-Key", "k\u00e9y").post(json(body)), 400, "Idempotency-Key must be 1-100 printable ASCII characters");
        assertThat(tables.snapshot()).isEqualTo(before);

        created(api(APP, "/api/reservations").request().header("Idempotency-Key", "k".repeat(100)).post(json(body)));
    }

    @Test
    void valuesAtEveryLimitAreAcceptedAndStoredAsSent() {
        String id = "L".repeat(36);
        String manufacturer = "Škoda ".repeat(16) + "Auto"; // 100 characters, non-ASCII included
        String model = "m".repeat(100);
        created(api(APP, "/api/cars").request().post(json("{\"id\":\"" + id + "\",\"manufacturer\":\"" + manufacturer
                + "\",\"model\":\"" + model + "\",\"dailyRate\":10000.00,\"location\":\"LIS\"}")));
        JsonNode stored = api(APP, "/api/cars/" + id).request().get(JsonNode.class);
        assertThat(stored.get("manufacturer").asText()).isEqualTo(manufacturer);
        assertThat(stored.get("model").asText()).isEqualTo(model);
        assertThat(stored.get("dailyRate").decimalValue()).isEqualByComparingTo("10000.00");

        String name = "Ñ".repeat(100);
        String email = "e".repeat(242) + "@example.com"; // 254
        String licence = "L".repeat(20);
        String customerId = created(api(APP, "/api/customers").request().post(json("{\"name\":\"" + name + "\",\"email\":\"" + email
                + "\",\"licenceNumber\":\"" + licence + "\"}"))).get("id").asText();
        JsonNode storedCustomer = api(APP, "/api/customers/" + customerId).request().get(JsonNode.class);
        assertThat(storedCustomer.get("name").asText()).isEqualTo(name);
        assertThat(storedCustomer.get("email").asText()).isEqualTo(email);

        // the dearest car for the longest rental, starting on the last day bookings are open
        LocalDate from = TODAY.plusDays(730);
        JsonNode reservation = created(api(APP, "/api/reservations").request().post(json("{\"customerId\":\"" + customerId + "\",\"carId\":\"" + id
                + "\",\"from\":\"" + from + "\",\"to\":\"" + from.plusDays(90) + "\"}")));
        assertThat(api(APP, "/api/reservations/" + reservation.get("id").asText()).request().get(JsonNode.class).get("total").decimalValue())
                .isEqualByComparingTo(reservation.get("total").decimalValue());
    }

    private static Response send(String method, Invocation.Builder request, String body) {
        Entity<String> entity = json(body);
        return switch (method) {
            case "POST" -> request.post(entity);
            case "PUT" -> request.put(entity);
            default -> throw new IllegalArgumentException(method);
        };
    }

    private static JsonNode created(Response response) {
        String body = response.readEntity(String.class);
        assertThat(response.getStatus()).as(body).isEqualTo(201);
        return Monolith.parse(body);
    }
}
