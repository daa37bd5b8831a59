package dev.fleet.app.remote;

import dev.fleet.app.support.Await;
import dev.fleet.app.support.Monolith;
import dev.fleet.app.support.PricingStack;
import dev.fleet.app.support.Services;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

import static dev.fleet.app.support.PricingStack.quote;
import static dev.fleet.app.support.PricingStack.reservation;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith in pricing parallel mode next to a real pricing-service whose weekend rule deliberately differs:
 * clients get the monolith's own (local) answer, and the difference shows as mismatches in the monolith's metrics.
 */
class PricingParallelRunTest {

    static final String GALAXY = "0345391802"; // 59.00 a day, in every database
    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    static final LocalDate MONDAY = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    @RegisterExtension
    static final PricingStack APPS = PricingStack.answersNotTiming(
            ConfigOverride.config("pricing.mode", "parallel"),
            // generous too: this test is about answers and counts
            ConfigOverride.config("pricing.parallel.candidateTimeout", "20s"));

    @Test
    void aDivergentRuleInPricingServiceShowsAsMismatchesWhileClientsGetTheLocalAnswer() throws Exception {
        // the same rules on both sides first: a weekday-only rental matches
        String weekdays = quote(GALAXY, MONDAY, MONDAY.plusDays(2));
        awaitCount("pricing.parallel.matches", 1, weekdays);

        // pricing-service's weekend surcharge becomes 50 % (the monolith's stays 20 %)
        APPS.pricingDb.jdbi().useHandle(h -> h.execute("UPDATE price_rules SET percent = 50 WHERE code = 'WEEKEND'"));
        String week = quote(GALAXY, MONDAY, MONDAY.plusDays(7));
        HttpResponse<String> direct = Services.get(APPS.pricingService(week));
        assertThat(direct.body()).as("pricing-service really diverges").contains("\"total\":424.80");

        long mismatchesBefore = count("pricing.parallel.mismatches");
        HttpResponse<String> viaMonolith = Services.get(APPS.monolith(week));
        assertThat(viaMonolith.statusCode()).as(viaMonolith.body()).isEqualTo(200);
        assertThat(viaMonolith.body()).as("the local rules answer").contains("\"total\":392.94");
        assertThat(viaMonolith.headers().firstValue("X-Fleet-Degraded")).isEmpty();
        awaitCountAbove("pricing.parallel.mismatches", mismatchesBefore);

        // reservations are priced the same way: the local total, the candidate compared on the side
        long mismatchesBeforeReservation = count("pricing.parallel.mismatches");
        HttpResponse<String> reservation = Services.post(APPS.monolith("/api/reservations"), reservation(ADA, GALAXY, MONDAY, MONDAY.plusDays(7)));
        assertThat(reservation.statusCode()).as(reservation.body()).isEqualTo(201);
        assertThat(Monolith.parse(reservation.body()).get("total").decimalValue()).isEqualByComparingTo("392.94");
        awaitCountAbove("pricing.parallel.mismatches", mismatchesBeforeReservation);
        assertThat(count("pricing.parallel.candidate.errors")).isZero();
    }

    /** Asks {@code query} until the counter reaches {@code atLeast} (the candidate's comparison runs after the answer). */
    private static void awaitCount(String counter, long atLeast, String query) throws InterruptedException {
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(200), () -> counter + " never reached " + atLeast, () -> {
            if (count(counter) >= atLeast) {
                return true;
            }
            assertThat(Services.get(APPS.monolith(query)).statusCode()).isEqualTo(200);
            return false;
        });
    }

    private static void awaitCountAbove(String counter, long before) throws InterruptedException {
        Await.until(Duration.ofSeconds(30), Duration.ofMillis(50), () -> counter + " never rose above " + before,
                () -> count(counter) > before);
    }

    private static long count(String counter) {
        return APPS.monolith.getEnvironment().metrics().counter(counter).getCount();
    }
}
