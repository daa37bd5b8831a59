package dev.fleet.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static dev.fleet.contract.Fixtures.inDays;
import static dev.fleet.contract.Fixtures.reservationBody;
import static dev.fleet.contract.Fixtures.unique;
import static dev.fleet.contract.Fixtures.unknownUuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/reservations} (honours {@code Idempotency-Key}), {@code GET} and {@code DELETE} (cancel)
 * {@code /api/reservations/{id}}. A rental covers {@code from} inclusive to {@code to} exclusive.
 */
public interface ReservationsContract extends Contract {

    default Reply reserve(String body, String idempotencyKey) {
        return idempotencyKey == null ? api().post("/api/reservations", body)
                : api().post("/api/reservations", body, "Idempotency-Key", idempotencyKey);
    }

    @Test
    default void aReservationIsCreatedReadAndCancelled() {
        String customer = seed().customer();
        String car = seed().car("45.00");
        LocalDate from = inDays(10);
        LocalDate to = inDays(13);
        Reply created = reserve(reservationBody(customer, car, from, to), unique("key-")).expect(201);
        JsonNode reservation = created.json();
        String id = reservation.get("id").asText();
        assertThat(created.locationPath()).isEqualTo("/api/reservations/" + id);
        assertThat(reservation.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "customerId", "carId", "from", "to", "status", "total", "currency");
        assertThat(reservation.get("customerId").asText()).isEqualTo(customer);
        assertThat(reservation.get("carId").asText()).isEqualTo(car);
        assertThat(reservation.get("from").asText()).isEqualTo(from.toString());
        assertThat(reservation.get("to").asText()).isEqualTo(to.toString());
        assertThat(reservation.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(reservation.get("currency").asText()).isEqualTo("EUR");
        assertThat(created.body()).as("money keeps two decimals").containsPattern("\"total\":\\d+\\.\\d\\d[,}]");
        JsonNode quote = api().get(Http.query("/api/quotes", "carId", car, "from", from.toString(), "to", to.toString(),
                "customerId", customer)).json(200);
        assertThat(reservation.get("total").decimalValue()).as("the price quoted").isEqualByComparingTo(quote.get("total").decimalValue());

        assertThat(api().get("/api/reservations/" + id).json(200)).isEqualTo(reservation);

        JsonNode cancelled = api().delete("/api/reservations/" + id).json(200);
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELLED");
        assertThat(api().delete("/api/reservations/" + id).json(200).get("status").asText()).as("cancelling twice is fine")
                .isEqualTo("CANCELLED");
        assertThat(api().get("/api/reservations/" + id).json(200).get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    default void aRetryWithTheSameIdempotencyKeyAnswersTheFirstReservation() {
        String customer = seed().customer();
        String car = seed().car("45.00");
        String key = unique("order-");
        String body = reservationBody(customer, car, inDays(50), inDays(52));
        String id = reserve(body, key).json(201).get("id").asText();

        JsonNode retry = reserve(body, key).json(201);
        assertThat(retry.get("id").asText()).isEqualTo(id);

        reserve(reservationBody(customer, car, inDays(60), inDays(62)), key).expectError(422, "already used for a different request");
        reserve(body, "k".repeat(101)).expectError(400, "Idempotency-Key");
    }

    @Test
    default void anOverlappingReservationIs409AndAdjacentRentalsAreFine() {
        String car = seed().car("45.00");
        String ada = seed().customer();
        String alan = seed().customer();
        reserve(reservationBody(ada, car, inDays(20), inDays(25)), null).expect(201);

        reserve(reservationBody(alan, car, inDays(24), inDays(27)), null)
                .expectError(409, "car " + car + " is not available from " + inDays(24) + " to " + inDays(27));
        reserve(reservationBody(alan, car, inDays(18), inDays(21)), null).expectError(409, "not available");
        reserve(reservationBody(alan, car, inDays(21), inDays(22)), null).expectError(409, "not available");

        reserve(reservationBody(alan, car, inDays(25), inDays(27)), null).expect(201);
        reserve(reservationBody(alan, car, inDays(18), inDays(20)), null).expect(201);
    }

    @Test
    default void cancellingFreesTheCar() {
        String car = seed().car("45.00");
        String ada = seed().customer();
        String alan = seed().customer();
        String id = reserve(reservationBody(ada, car, inDays(30), inDays(33)), null).json(201).get("id").asText();
        reserve(reservationBody(alan, car, inDays(30), inDays(33)), null).expectError(409, "not available");

        api().delete("/api/reservations/" + id).expect(200);
        reserve(reservationBody(alan, car, inDays(30), inDays(33)), null).expect(201);
    }

    @Test
    default void anUnknownReservationIs404AndAMalformedId400() {
        String unknown = unknownUuid();
        api().get("/api/reservations/" + unknown).expectError(404, "reservation " + unknown + " not found");
        api().delete("/api/reservations/" + unknown).expectError(404, "not found");
        api().get("/api/reservations/not-a-uuid").expectError(400, "reservation id must be a UUID");
        api().delete("/api/reservations/not-a-uuid").expectError(400, "reservation id must be a UUID");
    }

    /** {@code $customer}, {@code $car}, {@code $in40}, {@code $in42} and {@code $past} stand for valid values and dates. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON    | {\"customerId\":                                                                 | 400 | malformed JSON",
            "not an object     | [1,2]                                                                            | 400 | request body must be a JSON object",
            "date of wrong type| {\"customerId\":\"$customer\",\"carId\":\"$car\",\"from\":{\"day\":1},\"to\":\"$in42\"} | 400 | field 'from'",
            "empty body        |                                                                                  | 422 | request body",
            "empty object      | {}                                                                               | 422 | customerId is required",
            "blank fields      | {\"customerId\":\" \",\"carId\":\"\",\"from\":\" \",\"to\":\"\"}                 | 422 | 4 problems",
            "missing car       | {\"customerId\":\"$customer\",\"from\":\"$in40\",\"to\":\"$in42\"}               | 422 | carId is required",
            "bad date          | {\"customerId\":\"$customer\",\"carId\":\"$car\",\"from\":\"$in40\",\"to\":\"2030-02-30\"} | 422 | to must be a date as YYYY-MM-DD",
            "from after to     | {\"customerId\":\"$customer\",\"carId\":\"$car\",\"from\":\"$in42\",\"to\":\"$in40\"} | 422 | to must be after from",
            "from equals to    | {\"customerId\":\"$customer\",\"carId\":\"$car\",\"from\":\"$in40\",\"to\":\"$in40\"} | 422 | to must be after from",
            "in the past       | {\"customerId\":\"$customer\",\"carId\":\"$car\",\"from\":\"$past\",\"to\":\"$in42\"} | 422 | from must not be in the past",
            "unknown car       | {\"customerId\":\"$customer\",\"carId\":\"NO-SUCH-CAR\",\"from\":\"$in40\",\"to\":\"$in42\"} | 422 | unknown car NO-SUCH-CAR",
            "unknown customer  | {\"customerId\":\"c0000000-0000-4000-8000-000000000999\",\"carId\":\"$car\",\"from\":\"$in40\",\"to\":\"$in42\"} | 422 | unknown customer c0000000-0000-4000-8000-000000000999",
            "malformed car id  | {\"customerId\":\"$customer\",\"carId\":\"a car\",\"from\":\"$in40\",\"to\":\"$in42\"} | 422 | carId must be",
    })
    default void badInputIsA4xxNamingTheProblemAndReservesNothing(String name, String body, int status, String message) {
        String customer = seed().customer();
        String car = seed().car("45.00");
        String request = body == null ? "" : body.trim().replace("$customer", customer).replace("$car", car)
                .replace("$in40", inDays(40).toString()).replace("$in42", inDays(42).toString()).replace("$past", inDays(-3).toString());
        reserve(request, null).expectError(status, message);
        // nothing was held: the car is still free for those days
        reserve(reservationBody(customer, car, inDays(40), inDays(42)), null).expect(201);
    }

    @Test
    default void aRentalLongerThanNinetyDaysIs422() {
        reserve(reservationBody(seed().customer(), seed().car("45.00"), inDays(40), inDays(200)), null).expectError(422, "90");
    }
}
