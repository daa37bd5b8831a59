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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static dev.fleet.app.reservations.Flow.ADA;
import static dev.fleet.app.reservations.Flow.ALAN;
import static dev.fleet.app.reservations.Flow.await;
import static dev.fleet.app.reservations.Flow.body;
import static dev.fleet.app.reservations.Flow.count;
import static dev.fleet.app.reservations.Flow.created;
import static dev.fleet.app.reservations.Flow.inDays;
import static dev.fleet.app.reservations.Flow.post;
import static dev.fleet.app.support.ApiAssertions.assertError;
import static dev.fleet.app.support.Monolith.api;
import static dev.fleet.app.support.Monolith.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** POST/GET/DELETE /api/reservations end to end, with the invoice and notification that follow. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReservationResourceTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<FleetConfiguration> APP = Monolith.app(DB);


    @Test
    void aReservationIsCreatedThenInvoicedAndNotifiedExactlyOnce() {
        LocalDate from = inDays(10);
        LocalDate to = inDays(13);
        Response response = post(APP, body(ADA, "MAD-SEAT-IBIZA-01", from, to), null);

        assertThat(response.getStatus()).isEqualTo(201);
        String text = response.readEntity(String.class);
        JsonNode reservation = Monolith.parse(text);
        String id = reservation.get("id").asText();
        assertThat(response.getLocation().getPath()).isEqualTo("/api/reservations/" + id);
        assertThat(reservation.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "customerId", "carId", "from", "to", "status", "total", "currency");
        assertThat(reservation.get("customerId").asText()).isEqualTo(ADA);
        assertThat(reservation.get("carId").asText()).isEqualTo("MAD-SEAT-IBIZA-01");
        assertThat(reservation.get("from").asText()).isEqualTo(from.toString());
        assertThat(reservation.get("to").asText()).isEqualTo(to.toString());
        assertThat(reservation.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(reservation.get("currency").asText()).isEqualTo("EUR");
        JsonNode quote = api(APP, "/api/quotes").queryParam("carId", "MAD-SEAT-IBIZA-01").queryParam("from", from)
                .queryParam("to", to).queryParam("customerId", ADA).request().get(JsonNode.class);
        assertThat(reservation.get("total").decimalValue()).isEqualByComparingTo(quote.get("total").decimalValue());
        assertThat(text).as("money keeps two decimals").containsPattern("\"total\":\\d+\\.\\d\\d[,}]");

        assertThat(Monolith.parse(api(APP, "/api/reservations/" + id).request().get(String.class))).isEqualTo(reservation);

        await("the invoice exists", () -> invoices(id).size() == 1);
        JsonNode invoice = invoices(id).get(0);
        assertThat(invoice.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "reservationId", "amount", "currency", "status");
        assertThat(invoice.get("reservationId").asText()).isEqualTo(id);
        assertThat(invoice.get("amount").decimalValue()).isEqualByComparingTo(reservation.get("total").decimalValue());
        assertThat(invoice.get("currency").asText()).isEqualTo("EUR");
        assertThat(invoice.get("status").asText()).isEqualTo("ISSUED");

        await("the confirmation is sent", () -> notificationsOf(ADA, id).size() == 1);
        JsonNode notification = notificationsOf(ADA, id).get(0);
        assertThat(notification.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "customerId", "reservationId", "type", "sentAt");
        assertThat(notification.get("customerId").asText()).isEqualTo(ADA);
        assertThat(notification.get("type").asText()).isEqualTo("RESERVATION_CONFIRMED");
        assertThat(notification.get("sentAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");

        await("the outbox is drained", () -> count(DB, "SELECT COUNT(*) FROM reservation_outbox WHERE sent_at IS NULL") == 0);
        assertThat(count(DB, "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", id)).isEqualTo(1);
        assertThat(count(DB, "SELECT COUNT(*) FROM notifications WHERE reservation_id = ?", id)).isEqualTo(1);
    }

    @Test
    void anOverlappingReservationIs409AndAdjacentRentalsAreFine() {
        String car = "MAD-VW-POLO-01";
        created(APP, body(ADA, car, inDays(20), inDays(25)));
        int before = reservations();

        assertError(post(APP, body(ALAN, car, inDays(24), inDays(27)), null), 409,
                "car " + car + " is not available from " + inDays(24) + " to " + inDays(27));
        assertError(post(APP, body(ALAN, car, inDays(18), inDays(21)), null), 409, "not available");
        assertError(post(APP, body(ALAN, car, inDays(21), inDays(22)), null), 409, "not available");
        assertThat(reservations()).isEqualTo(before);

        created(APP, body(ALAN, car, inDays(25), inDays(27)));
        created(APP, body(ALAN, car, inDays(18), inDays(20)));
        assertThat(reservations()).isEqualTo(before + 2);
    }

    @Test
    void cancellingFreesTheCarAndCancellingTwiceIsFine() {
        String car = "MAD-TOYOTA-COROLLA-01";
        String id = created(APP, body(ADA, car, inDays(30), inDays(33))).get("id").asText();
        assertError(post(APP, body(ALAN, car, inDays(30), inDays(33)), null), 409, "not available");

        Response cancel = api(APP, "/api/reservations/" + id).request().delete();
        assertThat(cancel.getStatus()).isEqualTo(200);
        assertThat(cancel.readEntity(JsonNode.class).get("status").asText()).isEqualTo("CANCELLED");
        Response again = api(APP, "/api/reservations/" + id).request().delete();
        assertThat(again.getStatus()).isEqualTo(200);
        assertThat(again.readEntity(JsonNode.class).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(api(APP, "/api/reservations/" + id).request().get(JsonNode.class).get("status").asText()).isEqualTo("CANCELLED");

        created(APP, body(ALAN, car, inDays(30), inDays(33)));
        await("the cancellation is notified once", () -> notificationsOf(ADA, id).size() == 2);
        assertThat(notificationsOf(ADA, id)).extracting(n -> n.get("type").asText())
                .containsExactly("RESERVATION_CONFIRMED", "RESERVATION_CANCELLED");
    }

    @Test
    void unknownReservationsAre404AndMalformedIds400() {
        String unknown = "/api/reservations/00000000-0000-4000-8000-000000000000";
        assertError(api(APP, unknown).request().get(), 404, "reservation 00000000-0000-4000-8000-000000000000 not found");
        assertError(api(APP, unknown).request().delete(), 404, "not found");
        assertError(api(APP, "/api/reservations/not-a-uuid").request().get(), 400, "reservation id must be a UUID");
        assertError(api(APP, "/api/reservations/not-a-uuid").request().delete(), 400, "reservation id must be a UUID");
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> badInput() {
        String ok = body(ADA, "MAD-SKODA-OCTAVIA-01", inDays(40), inDays(42));
        return Stream.of(
                arguments("malformed JSON", "{\"customerId\":", 400, "malformed JSON"),
                arguments("not an object", "[1,2]", 400, "request body must be a JSON object"),
                arguments("wrong type", ok.replace("\"from\":\"" + inDays(40) + "\"", "\"from\":{\"day\":1}"), 400, "field 'from'"),
                arguments("wrong type customer", ok.replace("\"" + ADA + "\"", "[1]"), 400, "field 'customerId'"),
                arguments("empty body", "", 422, "request body"),
                arguments("empty object", "{}", 422, "customerId is required"),
                arguments("blank fields", "{\"customerId\":\" \",\"carId\":\"\",\"from\":\" \",\"to\":\"\"}", 422, "4 problems"),
                arguments("missing car", "{\"customerId\":\"" + ADA + "\",\"from\":\"" + inDays(40) + "\",\"to\":\"" + inDays(42) + "\"}", 422, "carId is required"),
                arguments("bad date", ok.replace(inDays(42).toString(), "2030-02-30"), 422, "to must be a date as YYYY-MM-DD"),
                arguments("from after to", body(ADA, "MAD-SKODA-OCTAVIA-01", inDays(42), inDays(40)), 422, "to must be after from"),
                arguments("from equals to", body(ADA, "MAD-SKODA-OCTAVIA-01", inDays(40), inDays(40)), 422, "to must be after from"),
                arguments("in the past", body(ADA, "MAD-SKODA-OCTAVIA-01", inDays(-3), inDays(2)), 422, "from must not be in the past"),
                arguments("unknown car", body(ADA, "NO-SUCH-CAR", inDays(40), inDays(42)), 422, "unknown car NO-SUCH-CAR"),
                arguments("unknown customer", body("c0000000-0000-4000-8000-000000000999", "MAD-SKODA-OCTAVIA-01", inDays(40), inDays(42)),
                        422, "unknown customer c0000000-0000-4000-8000-000000000999"),
                arguments("malformed car id", body(ADA, "a car", inDays(40), inDays(42)), 422, "carId must be"),
                arguments("too long", body(ADA, "MAD-SKODA-OCTAVIA-01", inDays(40), inDays(200)), 422, "90"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsA4xxNamingTheProblemAndWritesNothing(String name, String body, int status, String message) {
        int reservations = reservations();
        int outbox = count(DB, "SELECT COUNT(*) FROM reservation_outbox");
        assertError(post(APP, body, null), status, message);
        assertThat(reservations()).isEqualTo(reservations);
        assertThat(count(DB, "SELECT COUNT(*) FROM reservation_outbox")).isEqualTo(outbox);
    }

    @Test
    void idempotencyKeysMustBeShortPrintableAndUsedForOneRequestOnly() {
        String car = "BCN-RENAULT-CLIO-01";
        assertError(post(APP, body(ADA, car, inDays(50), inDays(52)), "k".repeat(101)), 400, "Idempotency-Key");
        JsonNode first = Monolith.parse(post(APP, body(ADA, car, inDays(50), inDays(52)), "order-77").readEntity(String.class));
        Response retry = post(APP, body(ADA, car, inDays(50), inDays(52)), "order-77");
        assertThat(retry.getStatus()).isEqualTo(201);
        assertThat(retry.readEntity(JsonNode.class).get("id").asText()).isEqualTo(first.get("id").asText());
        assertError(post(APP, body(ADA, car, inDays(60), inDays(62)), "order-77"), 422, "already used for a different request");
        assertThat(count(DB, "SELECT COUNT(*) FROM reservations WHERE car_id = ?", car)).isEqualTo(1);
    }

    @Test
    void invoiceAndNotificationQueriesValidateTheirParameters() {
        assertThat(api(APP, "/api/invoices").queryParam("reservationId", "00000000-0000-4000-8000-000000000000")
                .request().get(JsonNode.class)).isEmpty();
        assertError(api(APP, "/api/invoices").request().get(), 422, "reservationId is required");
        assertError(api(APP, "/api/invoices").queryParam("reservationId", " ").request().get(), 422, "reservationId is required");
        assertError(api(APP, "/api/invoices").queryParam("reservationId", "a b").request().get(), 422, "reservationId must be");
        assertError(api(APP, "/api/notifications").request().get(), 422, "customerId is required");
        assertError(api(APP, "/api/notifications").queryParam("customerId", "<x>").request().get(), 422, "customerId must be");
    }

    private static List<JsonNode> invoices(String reservationId) {
        JsonNode list = Monolith.parse(api(APP, "/api/invoices").queryParam("reservationId", reservationId).request().get(String.class));
        return Stream.of(list).flatMap(l -> java.util.stream.StreamSupport.stream(l.spliterator(), false)).toList();
    }

    private static List<JsonNode> notificationsOf(String customerId, String reservationId) {
        JsonNode list = api(APP, "/api/notifications").queryParam("customerId", customerId).request().get(JsonNode.class);
        return java.util.stream.StreamSupport.stream(list.spliterator(), false)
                .filter(n -> n.get("reservationId").asText().equals(reservationId)).toList();
    }

    private static int reservations() {
        return count(DB, "SELECT COUNT(*) FROM reservations");
    }
}
