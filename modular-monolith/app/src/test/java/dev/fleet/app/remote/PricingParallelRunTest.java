package dev.fleet.app.remote;

import com.codahale.metrics.MetricRegistry;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.app.support.Services;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.catalog.CatalogServiceConfiguration;
import dev.fleet.services.pricing.PricingServiceConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith in pricing parallel mode next to a real pricing-service whose weekend rule deliberately differs:
 * clients get the monolith's own (local) answer, and the difference shows as mismatches in the monolith's metrics.
 */
class PricingParallelRunTest {

    static final String GALAXY = "0345391802"; // 59.00 a day, in every database
    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    static final LocalDate MONDAY = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    static final TestDatabase CATALOG_DB = TestDatabase.create();
    static final TestDatabase PRICING_DB = TestDatabase.create();
    static final TestDatabase MONOLITH_DB = TestDatabase.create();
    static final int PRICING_PORT = Services.freePort();

    static final DropwizardAppExtension<CatalogServiceConfiguration> CATALOG = Services.catalogService(CATALOG_DB);
    static final DropwizardAppExtension<FleetConfiguration> MONOLITH = Monolith.app(MONOLITH_DB,
            ConfigOverride.config("pricing.mode", "parallel"),
            ConfigOverride.config("remote.services.pricing", "http://127.0.0.1:" + PRICING_PORT),
            // generous: this test is about answers and counts, not timing
            ConfigOverride.config("remote.client.timeout", "10s"),
            ConfigOverride.config("remote.hystrix.executionTimeout", "10s"),
            ConfigOverride.config("pricing.parallel.candidateTimeout", "20s"));
    static final DropwizardAppExtension<PricingServiceConfiguration> PRICING = Services.pricingService(PRICING_DB,
            () -> String.valueOf(PRICING_PORT),
            () -> "http://127.0.0.1:" + CATALOG.getLocalPort(),
            () -> "http://127.0.0.1:" + MONOLITH.getLocalPort(),
            ConfigOverride.config("pricing-service", "remote.client.timeout", "5s"),
            ConfigOverride.config("pricing-service", "remote.hystrix.executionTimeout", "5s"));

    @BeforeAll
    static void start() throws Exception {
        CATALOG.before();
        MONOLITH.before();
        PRICING.before();
    }

    @AfterAll
    static void stop() {
        try {
            PRICING.after();
            MONOLITH.after();
        } finally {
            CATALOG.after();
            CATALOG_DB.close();
            PRICING_DB.close();
        }
    }

    @Test
    void aDivergentRuleInPricingServiceShowsAsMismatchesWhileClientsGetTheLocalAnswer() throws Exception {
        // the same rules on both sides first: a weekday-only rental matches
        String weekdays = "/api/quotes?carId=" + GALAXY + "&from=" + MONDAY + "&to=" + MONDAY.plusDays(2);
        awaitCount("pricing.parallel.matches", 1, weekdays);

        // pricing-service's weekend surcharge becomes 50 % (the monolith's stays 20 %)
        PRICING_DB.jdbi().useHandle(h -> h.execute("UPDATE price_rules SET percent = 50 WHERE code = 'WEEKEND'"));
        String week = "/api/quotes?carId=" + GALAXY + "&from=" + MONDAY + "&to=" + MONDAY.plusDays(7);
        HttpResponse<String> direct = Services.get("http://127.0.0.1:" + PRICING.getLocalPort() + week);
        assertThat(direct.body()).as("pricing-service really diverges").contains("\"total\":424.80");

        long mismatchesBefore = count("pricing.parallel.mismatches");
        HttpResponse<String> viaMonolith = Services.get(monolith(week));
        assertThat(viaMonolith.statusCode()).as(viaMonolith.body()).isEqualTo(200);
        assertThat(viaMonolith.body()).as("the local rules answer").contains("\"total\":392.94");
        assertThat(viaMonolith.headers().firstValue("X-Fleet-Degraded")).isEmpty();
        awaitCountAbove("pricing.parallel.mismatches", mismatchesBefore);

        // reservations are priced the same way: the local total, the candidate compared on the side
        long mismatchesBeforeReservation = count("pricing.parallel.mismatches");
        HttpResponse<String> reservation = Services.post(monolith("/api/reservations"), "{\"customerId\":\"" + ADA
                + "\",\"carId\":\"" + GALAXY + "\",\"from\":\"" + MONDAY + "\",\"to\":\"" + MONDAY.plusDays(7) + "\"}");
        assertThat(reservation.statusCode()).as(reservation.body()).isEqualTo(201);
        assertThat(Monolith.parse(reservation.body()).get("total").decimalValue()).isEqualByComparingTo("392.94");
        awaitCountAbove("pricing.parallel.mismatches", mismatchesBeforeReservation);
        assertThat(count("pricing.parallel.candidate.errors")).isZero();
    }

    /** Asks {@code query} until the counter reaches {@code atLeast} (the candidate's comparison runs after the answer). */
    private static void awaitCount(String counter, long atLeast, String query) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(counter) < atLeast) {
            assertThat(Services.get(monolith(query)).statusCode()).isEqualTo(200);
            assertThat(System.nanoTime()).as(counter + " never reached " + atLeast).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void awaitCountAbove(String counter, long before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(counter) <= before) {
            assertThat(System.nanoTime()).as(counter + " never rose above " + before).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long count(String counter) {
        MetricRegistry metrics = MONOLITH.getEnvironment().metrics();
        return metrics.counter(counter).getCount();
    }

    static String monolith(String pathAndQuery) {
        return "http://127.0.0.1:" + MONOLITH.getLocalPort() + pathAndQuery;
    }
}
