package dev.fleet.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.netflix.hystrix.HystrixEventType;
import dev.fleet.app.support.CommandEvents;
import dev.fleet.app.support.Monolith;
import dev.fleet.app.support.PricingStack;
import dev.fleet.app.support.Services;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

import static dev.fleet.app.support.ApiAssertions.assertUnavailable;
import static dev.fleet.app.support.PricingStack.quote;
import static dev.fleet.app.support.PricingStack.reservation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * pricing.fallback list-price: while a real pricing-service fails (its fault task injects 503s on /api/quotes), the
 * monolith prices at the list price — the car's daily rate × days, no weekend surcharge or discount — and says so
 * with {@code X-Fleet-Degraded: pricing}.
 */
class PricingListPriceFallbackTest {

    static final String GALAXY = "0345391802"; // 59.00 a day
    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    /** Friday to Monday: 3 days, 2 of them weekend days (the rules: 177.00 + 2 × 11.80 = 200.60). */
    static final LocalDate FRIDAY = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.FRIDAY));

    // about answers, not timing: a busy test JVM must not turn a slow success into a fallback
    @RegisterExtension
    static final PricingStack APPS = PricingStack.answersNotTiming(
            ConfigOverride.config("pricing.mode", "remote"), ConfigOverride.config("pricing.fallback", "list-price"));

    @AfterEach
    void clearFaults() {
        APPS.fault("clear=true");
    }

    @Test
    void whilePricingServiceFailsQuotesAndReservationsGetTheListPriceMarkedDegraded() throws Exception {
        HttpResponse<String> healthy = Services.get(APPS.monolith(quote(GALAXY, FRIDAY, FRIDAY.plusDays(3))));
        assertThat(healthy.statusCode()).as(healthy.body()).isEqualTo(200);
        assertThat(healthy.body()).contains("\"total\":200.60");
        assertThat(healthy.headers().firstValue("X-Fleet-Degraded")).isEmpty();

        APPS.fault("errorRate=1.0&path=/api/quotes");
        try (CommandEvents quotes = CommandEvents.of("quote")) {
            HttpResponse<String> listPrice = Services.get(APPS.monolith(quote(GALAXY, FRIDAY, FRIDAY.plusDays(3))));
            assertThat(listPrice.statusCode()).as(listPrice.body()).isEqualTo(200);
            assertThat(listPrice.headers().firstValue("X-Fleet-Degraded")).contains("pricing");
            JsonNode quote = Monolith.parse(listPrice.body());
            assertThat(quote.get("total").decimalValue()).isEqualByComparingTo("177.00"); // 59.00 × 3
            assertThat(quote.get("days").asInt()).isEqualTo(3);
            assertThat(quote.get("breakdown")).hasSize(1);
            assertThat(quote.get("breakdown").get(0).get("label").asText()).isEqualTo("3 days × 59.00 (list price: pricing unavailable)");
            assertThat(listPrice.body()).contains("\"total\":177.00", "\"currency\":\"EUR\"");
            // pricing-service answered (its injected 503): a failure the fallback covered
            assertThat(quotes.await(1)).singleElement().satisfies(events -> assertThat(events)
                    .contains(HystrixEventType.FAILURE, HystrixEventType.FALLBACK_SUCCESS));

            HttpResponse<String> reservation = Services.post(APPS.monolith("/api/reservations"), reservation(ADA, GALAXY, FRIDAY, FRIDAY.plusDays(3)));
            assertThat(reservation.statusCode()).as(reservation.body()).isEqualTo(201);
            assertThat(reservation.headers().firstValue("X-Fleet-Degraded")).contains("pricing");
            assertThat(Monolith.parse(reservation.body()).get("total").decimalValue()).isEqualByComparingTo("177.00");
        }
    }

    @Test
    void theListPriceDoesNotGuessForWhatPricingServiceWouldReject() {
        APPS.fault("errorRate=1.0&path=/api/quotes");
        for (String query : new String[] {quote("NO-SUCH-CAR", FRIDAY, FRIDAY.plusDays(1)), quote(GALAXY, FRIDAY, FRIDAY),
                quote(GALAXY, FRIDAY, FRIDAY.plusDays(91))}) {
            assertUnavailable(Services.get(APPS.monolith(query)), "pricing");
        }
    }

    @Test
    void whenPricingServiceIsBackQuotesAreFullPriceAgain() {
        APPS.fault("errorRate=1.0&path=/api/quotes");
        assertThat(Services.get(APPS.monolith(quote(GALAXY, FRIDAY.plusWeeks(1), FRIDAY.plusWeeks(1).plusDays(3)))).body())
                .contains("\"total\":177.00");
        APPS.fault("clear=true");
        HttpResponse<String> full = Services.get(APPS.monolith(quote(GALAXY, FRIDAY.plusWeeks(1), FRIDAY.plusWeeks(1).plusDays(3))));
        assertThat(full.statusCode()).as(full.body()).isEqualTo(200);
        assertThat(full.body()).contains("\"total\":200.60");
        assertThat(full.headers().firstValue("X-Fleet-Degraded")).isEmpty();
    }
}
