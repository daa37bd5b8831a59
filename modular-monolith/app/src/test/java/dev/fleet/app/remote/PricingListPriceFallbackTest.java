package dev.fleet.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.netflix.hystrix.HystrixEventType;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.CommandEvents;
import dev.fleet.app.support.Monolith;
import dev.fleet.app.support.Services;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.catalog.CatalogServiceConfiguration;
import dev.fleet.services.pricing.PricingServiceConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

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

    static final TestDatabase CATALOG_DB = TestDatabase.create();
    static final TestDatabase PRICING_DB = TestDatabase.create();
    static final TestDatabase MONOLITH_DB = TestDatabase.create();
    static final int PRICING_PORT = Services.freePort();

    static final DropwizardAppExtension<CatalogServiceConfiguration> CATALOG = Services.catalogService(CATALOG_DB);
    static final DropwizardAppExtension<FleetConfiguration> MONOLITH = Monolith.app(MONOLITH_DB,
            ConfigOverride.config("pricing.mode", "remote"),
            ConfigOverride.config("pricing.fallback", "list-price"),
            ConfigOverride.config("remote.services.pricing", "http://127.0.0.1:" + PRICING_PORT),
            // about answers, not timing: a busy test JVM must not turn a slow success into a fallback
            ConfigOverride.config("remote.client.timeout", "10s"),
            ConfigOverride.config("remote.hystrix.executionTimeout", "10s"));
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

    @AfterEach
    void clearFaults() {
        fault("clear=true");
    }

    @Test
    void whilePricingServiceFailsQuotesAndReservationsGetTheListPriceMarkedDegraded() throws Exception {
        HttpResponse<String> healthy = Services.get(monolith(quote(GALAXY, FRIDAY, FRIDAY.plusDays(3))));
        assertThat(healthy.statusCode()).as(healthy.body()).isEqualTo(200);
        assertThat(healthy.body()).contains("\"total\":200.60");
        assertThat(healthy.headers().firstValue("X-Fleet-Degraded")).isEmpty();

        fault("errorRate=1.0&path=/api/quotes");
        try (CommandEvents quotes = CommandEvents.of("quote")) {
            HttpResponse<String> listPrice = Services.get(monolith(quote(GALAXY, FRIDAY, FRIDAY.plusDays(3))));
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

            HttpResponse<String> reservation = Services.post(monolith("/api/reservations"), "{\"customerId\":\"" + ADA
                    + "\",\"carId\":\"" + GALAXY + "\",\"from\":\"" + FRIDAY + "\",\"to\":\"" + FRIDAY.plusDays(3) + "\"}");
            assertThat(reservation.statusCode()).as(reservation.body()).isEqualTo(201);
            assertThat(reservation.headers().firstValue("X-Fleet-Degraded")).contains("pricing");
            assertThat(Monolith.parse(reservation.body()).get("total").decimalValue()).isEqualByComparingTo("177.00");
        }
    }

    @Test
    void theListPriceDoesNotGuessForWhatPricingServiceWouldReject() {
        fault("errorRate=1.0&path=/api/quotes");
        for (String query : new String[] {quote("NO-SUCH-CAR", FRIDAY, FRIDAY.plusDays(1)), quote(GALAXY, FRIDAY, FRIDAY),
                quote(GALAXY, FRIDAY, FRIDAY.plusDays(91))}) {
            HttpResponse<String> response = Services.get(monolith(query));
            assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("5");
            assertThat(response.body()).isEqualTo("{\"code\":503,\"message\":\"pricing is unavailable, retry after 5 s\"}");
        }
    }

    @Test
    void whenPricingServiceIsBackQuotesAreFullPriceAgain() {
        fault("errorRate=1.0&path=/api/quotes");
        assertThat(Services.get(monolith(quote(GALAXY, FRIDAY.plusWeeks(1), FRIDAY.plusWeeks(1).plusDays(3)))).body())
                .contains("\"total\":177.00");
        fault("clear=true");
        HttpResponse<String> full = Services.get(monolith(quote(GALAXY, FRIDAY.plusWeeks(1), FRIDAY.plusWeeks(1).plusDays(3))));
        assertThat(full.statusCode()).as(full.body()).isEqualTo(200);
        assertThat(full.body()).contains("\"total\":200.60");
        assertThat(full.headers().firstValue("X-Fleet-Degraded")).isEmpty();
    }

    private static void fault(String query) {
        HttpResponse<String> response = Services.post("http://127.0.0.1:" + PRICING.getAdminPort() + "/tasks/fault?" + query, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String quote(String carId, LocalDate from, LocalDate to) {
        return "/api/quotes?carId=" + carId + "&from=" + from + "&to=" + to;
    }

    private static String monolith(String pathAndQuery) {
        return "http://127.0.0.1:" + MONOLITH.getLocalPort() + pathAndQuery;
    }
}
