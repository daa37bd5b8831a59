package dev.fleet.app.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

import static dev.fleet.app.support.ApiAssertions.assertError;
import static dev.fleet.app.support.Monolith.api;
import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/quotes end to end through the monolith (real clock: dates are relative to today, UTC). */
@ExtendWith(DropwizardExtensionsSupport.class)
class QuoteResourceTest {

    static final String GALAXY = "0345391802"; // 59.00 a day
    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final LocalDate MONDAY = TODAY.with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<FleetConfiguration> APP = Monolith.app(DB);


    @Test
    void quotesAWeekWithWeekendSurchargeAndLongRentalDiscount() {
        Response response = quotes(GALAXY, MONDAY, MONDAY.plusDays(7)).queryParam("customerId", ADA).request().get();
        assertThat(response.getStatus()).isEqualTo(200);
        String body = response.readEntity(String.class);
        assertThat(body).as("dates as strings, money with two decimals")
                .contains("\"from\":\"" + MONDAY + "\"", "\"to\":\"" + MONDAY.plusDays(7) + "\"", "\"total\":392.94",
                        "\"amount\":413.00", "\"amount\":23.60", "\"amount\":-43.66", "\"currency\":\"EUR\"");
        JsonNode quote = Monolith.parse(body);
        assertThat(quote.get("carId").asText()).isEqualTo(GALAXY);
        assertThat(quote.get("days").asInt()).isEqualTo(7);
        assertThat(quote.get("total").decimalValue()).isEqualByComparingTo("392.94");
        assertThat(quote.get("breakdown").findValuesAsText("label")).containsExactly("7 days × 59.00",
                "Weekend surcharge: 2 days × 20 % of 59.00", "Long-rental discount (7+ days): 10 % off 436.60");
    }

    @Test
    void weekdayRentalWithoutCustomerIsDaysTimesRate() {
        JsonNode quote = Monolith.parse(quotes(GALAXY, MONDAY, MONDAY.plusDays(3)).request().get(String.class));
        assertThat(quote.get("total").decimalValue()).isEqualByComparingTo("177.00");
        assertThat(quote.get("breakdown")).hasSize(1);
        assertThat(quote.get("breakdown").get(0).get("label").asText()).isEqualTo("3 days × 59.00");
    }

    @Test
    void todayIsNotInThePast() {
        assertThat(quotes(GALAXY, TODAY, TODAY.plusDays(1)).request().get().getStatus()).isEqualTo(200);
    }

    @Test
    void unknownPathIs404Json() {
        assertError(api(APP, "/api/quotes/123").request().get(), 404, "");
    }

    @Test
    void unknownCarIs422() {
        assertError(quotes("NO-SUCH-CAR", MONDAY, MONDAY.plusDays(1)).request().get(), 422, "carId: unknown car NO-SUCH-CAR");
        assertError(quotes("bad id!", MONDAY, MONDAY.plusDays(1)).request().get(), 422, "carId: unknown car bad id!");
    }

    @Test
    void unknownOrMalformedCustomerIs422() {
        assertError(quotes(GALAXY, MONDAY, MONDAY.plusDays(1)).queryParam("customerId", "c0000000-0000-4000-8000-0000000000ff").request().get(),
                422, "customerId: unknown customer c0000000-0000-4000-8000-0000000000ff");
        assertError(quotes(GALAXY, MONDAY, MONDAY.plusDays(1)).queryParam("customerId", "ada").request().get(),
                422, "customerId: unknown customer ada");
    }

    @Test
    void missingParametersAre422NamingEachOne() {
        JsonNode error = assertError(api(APP, "/api/quotes").request().get(), 422, "3 problems");
        assertThat(error.get("errors").toString()).contains("from is required", "to is required", "carId is required");
        assertError(api(APP, "/api/quotes").queryParam("carId", " ").queryParam("from", MONDAY.toString())
                .queryParam("to", MONDAY.plusDays(1).toString()).request().get(), 422, "carId is required");
    }

    @Test
    void malformedDatesAre422NamingTheParameter() {
        assertError(api(APP, "/api/quotes").queryParam("carId", GALAXY).queryParam("from", "2030-13-01")
                .queryParam("to", MONDAY.toString()).request().get(), 422, "from must be a date as YYYY-MM-DD, got '2030-13-01'");
        assertError(api(APP, "/api/quotes").queryParam("carId", GALAXY).queryParam("from", MONDAY.toString())
                .queryParam("to", "next week").request().get(), 422, "to must be a date as YYYY-MM-DD, got 'next week'");
    }

    @Test
    void fromAfterToIs422() {
        assertError(quotes(GALAXY, MONDAY.plusDays(3), MONDAY).request().get(), 422, "to must be after from");
    }

    @Test
    void fromEqualToToIs422BecauseTheReturnDayIsNotRented() {
        assertError(quotes(GALAXY, MONDAY, MONDAY).request().get(), 422, "to must be after from");
    }

    @Test
    void fromInThePastIs422() {
        assertError(quotes(GALAXY, TODAY.minusDays(1), TODAY.plusDays(2)).request().get(), 422, "from must not be in the past");
    }

    @Test
    void moreThanNinetyDaysIs422() {
        assertError(quotes(GALAXY, MONDAY, MONDAY.plusDays(91)).request().get(), 422, "to must be at most 90 days after from, got 91 days");
        assertThat(quotes(GALAXY, MONDAY, MONDAY.plusDays(90)).request().get().getStatus()).isEqualTo(200);
    }

    @Test
    void everyProblemIsListedAtOnce() {
        JsonNode error = assertError(quotes("NOPE", TODAY.minusDays(2), TODAY.minusDays(2)).queryParam("customerId", "x").request().get(),
                422, "4 problems");
        assertThat(error.get("errors").toString()).contains("carId: unknown car NOPE", "to must be after from",
                "from must not be in the past", "customerId: unknown customer x");
    }

    @Test
    void quotingWritesNothing() {
        int before = ruleCount();
        quotes(GALAXY, MONDAY, MONDAY.plusDays(7)).request().get().close();
        assertError(quotes("NOPE", MONDAY, MONDAY).request().get(), 422, "problems");
        assertThat(ruleCount()).isEqualTo(before).isEqualTo(3);
    }

    private static int ruleCount() {
        return DB.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM price_rules").mapTo(Integer.class).one());
    }

    private static WebTarget quotes(String carId, LocalDate from, LocalDate to) {
        return api(APP, "/api/quotes").queryParam("carId", carId).queryParam("from", from.toString()).queryParam("to", to.toString());
    }
}
