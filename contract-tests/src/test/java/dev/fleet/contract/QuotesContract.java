package dev.fleet.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static dev.fleet.contract.Fixtures.nextMonday;
import static dev.fleet.contract.Fixtures.today;
import static dev.fleet.contract.Fixtures.unknownUuid;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/quotes?carId&from&to[&customerId]}: the price of renting a car, by the rules of docs/pricing.md. */
public interface QuotesContract extends Contract {

    default Reply quote(String carId, LocalDate from, LocalDate to, String customerId) {
        return api().get(Http.query("/api/quotes", "carId", carId, "from", String.valueOf(from), "to", String.valueOf(to),
                "customerId", customerId));
    }

    @Test
    default void aWeekdayRentalCostsDaysTimesTheDailyRate() {
        String car = seed().car("40.00");
        LocalDate monday = nextMonday();
        Reply reply = quote(car, monday, monday.plusDays(3), null).expect(200);
        assertThat(reply.body()).as("dates as strings, money with two decimals")
                .contains("\"from\":\"" + monday + "\"", "\"to\":\"" + monday.plusDays(3) + "\"", "\"total\":120.00", "\"amount\":120.00");
        JsonNode quote = reply.json();
        assertThat(quote.fieldNames()).toIterable().containsExactlyInAnyOrder("carId", "from", "to", "days", "total", "currency", "breakdown");
        assertThat(quote.get("carId").asText()).isEqualTo(car);
        assertThat(quote.get("days").asInt()).isEqualTo(3);
        assertThat(quote.get("currency").asText()).isEqualTo("EUR");
        assertThat(quote.get("breakdown")).hasSize(1);
        assertThat(quote.get("breakdown").get(0).get("label").asText()).isEqualTo("3 days × 40.00");
    }

    @Test
    default void aWeekForACustomerHasTheWeekendSurchargeAndTheLongRentalDiscount() {
        String car = seed().car("59.00");
        String customer = seed().customer();
        LocalDate monday = nextMonday();
        JsonNode quote = quote(car, monday, monday.plusDays(7), customer).json(200);
        assertThat(quote.get("days").asInt()).isEqualTo(7);
        assertThat(quote.get("total").decimalValue()).isEqualByComparingTo("392.94");
        assertThat(quote.get("breakdown").findValuesAsText("label")).containsExactly("7 days × 59.00",
                "Weekend surcharge: 2 days × 20 % of 59.00", "Long-rental discount (7+ days): 10 % off 436.60");
        assertThat(quote.get("breakdown").findValues("amount")).extracting(JsonNode::decimalValue)
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("413.00"), new BigDecimal("23.60"), new BigDecimal("-43.66"));
    }

    @Test
    default void todayIsNotInThePastAndNinetyDaysIsTheLongestRental() {
        String car = seed().car("40.00");
        quote(car, today(), today().plusDays(1), null).expect(200);
        quote(car, nextMonday(), nextMonday().plusDays(90), null).expect(200);
        quote(car, nextMonday(), nextMonday().plusDays(91), null).expectError(422, "to must be at most 90 days after from, got 91 days");
    }

    @Test
    default void anUnknownCarIs422NamingIt() {
        quote("NO-SUCH-CAR", nextMonday(), nextMonday().plusDays(1), null).expectError(422, "carId: unknown car NO-SUCH-CAR");
        quote("bad id!", nextMonday(), nextMonday().plusDays(1), null).expectError(422, "carId: unknown car bad id!");
    }

    @Test
    default void anUnknownOrMalformedCustomerIs422NamingIt() {
        String car = seed().car("40.00");
        String stranger = unknownUuid();
        quote(car, nextMonday(), nextMonday().plusDays(1), stranger).expectError(422, "customerId: unknown customer " + stranger);
        quote(car, nextMonday(), nextMonday().plusDays(1), "ada").expectError(422, "customerId: unknown customer ada");
    }

    @Test
    default void missingParametersAre422NamingEachOne() {
        JsonNode error = api().get("/api/quotes").expectError(422, "3 problems");
        assertThat(error.get("errors").toString()).contains("from is required", "to is required", "carId is required");
    }

    @Test
    default void malformedDatesAre422NamingTheParameter() {
        String car = seed().car("40.00");
        api().get(Http.query("/api/quotes", "carId", car, "from", "2030-13-01", "to", nextMonday().toString()))
                .expectError(422, "from must be a date as YYYY-MM-DD, got '2030-13-01'");
        api().get(Http.query("/api/quotes", "carId", car, "from", nextMonday().toString(), "to", "next week"))
                .expectError(422, "to must be a date as YYYY-MM-DD, got 'next week'");
    }

    @Test
    default void aPeriodThatIsEmptyBackwardsOrPastIs422() {
        String car = seed().car("40.00");
        quote(car, nextMonday(), nextMonday(), null).expectError(422, "to must be after from");
        quote(car, nextMonday().plusDays(3), nextMonday(), null).expectError(422, "to must be after from");
        quote(car, today().minusDays(1), today().plusDays(2), null).expectError(422, "from must not be in the past");
    }

    @Test
    default void everyProblemWithAQuoteIsListedAtOnce() {
        JsonNode error = quote("NOPE", today().minusDays(2), today().minusDays(2), "x").expectError(422, "4 problems");
        assertThat(error.get("errors")).hasSize(4);
        assertThat(error.get("errors").toString()).contains("carId: unknown car NOPE", "to must be after from",
                "from must not be in the past", "customerId: unknown customer x");
    }

    @Test
    default void anUnknownPathBelowQuotesIs404Json() {
        api().get("/api/quotes/123").expectError(404, "");
    }
}
