package dev.fleet.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import dev.fleet.app.FleetApplication;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.app.support.PricingStack;
import dev.fleet.app.support.Services;
import dev.fleet.customers.api.Customer;
import dev.fleet.customers.remote.RemoteCustomerDirectory;
import dev.fleet.platform.remote.Degraded;
import dev.fleet.platform.remote.HystrixSettings;
import dev.fleet.platform.remote.RemoteService;
import dev.fleet.platform.remote.RemoteUnavailableException;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.concurrent.atomic.AtomicReference;

import static dev.fleet.app.support.PricingStack.quote;
import static dev.fleet.app.support.PricingStack.reservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The monolith in pricing remote mode next to a real pricing-service and catalog-service (one JVM, real HTTP):
 * the monolith's {@code GET /api/quotes} and its reservations are priced by pricing-service, which reads cars from
 * catalog-service and customers from this monolith. Clients see the same API (answers and 422s) as in local mode.
 */
class PricingRemoteModeTest {

    static final String GALAXY = "0345391802"; // 59.00 a day, in every database
    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    static final String NOBODY = "c0000000-0000-4000-8000-0000000000ff";
    static final String REMOTE_ONLY = "PRC-RMT-1"; // created in catalog-service's database only
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final LocalDate MONDAY = TODAY.with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    @RegisterExtension
    static final PricingStack APPS = PricingStack.answersNotTiming(ConfigOverride.config("pricing.mode", "remote"));
    static final TestDatabase PRICING_DB = APPS.pricingDb;

    @BeforeAll
    static void warmUp() throws InterruptedException {
        APPS.awaitOk(quote(GALAXY, MONDAY, MONDAY.plusDays(1)) + "&customerId=" + ADA, Duration.ofSeconds(30));
    }

    @Test
    void quotesComeFromPricingServiceWithTheSameRulesAndJson() {
        String query = quote(GALAXY, MONDAY, MONDAY.plusDays(7)) + "&customerId=" + ADA;
        HttpResponse<String> viaMonolith = Services.get(APPS.monolith(query));
        HttpResponse<String> direct = Services.get(APPS.pricingService(query));
        assertThat(viaMonolith.statusCode()).as(viaMonolith.body()).isEqualTo(200);
        // the local rules' answer (QuoteResourceTest), byte for byte the service's
        assertThat(viaMonolith.body()).contains("\"total\":392.94", "\"amount\":413.00", "\"amount\":23.60", "\"amount\":-43.66",
                "\"currency\":\"EUR\"", "\"from\":\"" + MONDAY + "\"").isEqualTo(direct.body());
        assertThat(viaMonolith.headers().firstValue("X-Fleet-Degraded")).isEmpty();
        HystrixCommandMetrics quote = HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey("quote"));
        assertThat(quote.getCommandGroup().name()).isEqualTo("pricing");
        assertThat(quote.getThreadPoolKey().name()).isEqualTo("pricing");
    }

    @Test
    void aCarOnlyCatalogServiceKnowsIsPricedSoTheQuoteCameFromPricingService() {
        HttpResponse<String> created = Services.post(APPS.catalogService("/api/cars"),
                "{\"id\":\"" + REMOTE_ONLY + "\",\"manufacturer\":\"Renault\",\"model\":\"Zoe\",\"category\":\"COMPACT\","
                        + "\"dailyRate\":40.00,\"location\":\"BCN\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<String> quote = Services.get(APPS.monolith(quote(REMOTE_ONLY, MONDAY, MONDAY.plusDays(3))));
        assertThat(quote.statusCode()).as(quote.body()).isEqualTo(200);
        assertThat(quote.body()).contains("\"carId\":\"" + REMOTE_ONLY + "\"", "3 days × 40.00", "\"total\":120.00");
    }

    @Test
    void reservationsArePricedByPricingServicesRules() {
        // a rule changed in pricing-service's database only: the monolith's own rules would say 392.94 (20 %)
        PRICING_DB.jdbi().useHandle(h -> h.execute("UPDATE price_rules SET percent = 50 WHERE code = 'WEEKEND'"));
        try {
            LocalDate from = MONDAY.plusWeeks(2);
            HttpResponse<String> quote = Services.get(APPS.monolith(quote(GALAXY, from, from.plusDays(7))));
            assertThat(quote.body()).contains("Weekend surcharge: 2 days × 50 % of 59.00", "\"total\":424.80");
            HttpResponse<String> reservation = Services.post(APPS.monolith("/api/reservations"), reservation(ADA, GALAXY, from, from.plusDays(7)));
            assertThat(reservation.statusCode()).as(reservation.body()).isEqualTo(201);
            assertThat(Monolith.parse(reservation.body()).get("total").decimalValue()).isEqualByComparingTo("424.80");
        } finally {
            PRICING_DB.jdbi().useHandle(h -> h.execute("UPDATE price_rules SET percent = 20 WHERE code = 'WEEKEND'"));
        }
    }

    @Test
    void pricingServicesProblemsReachTheClientAsTheSame422Json() {
        String everything = "/api/quotes?carId=NOPE&from=" + TODAY.minusDays(2) + "&to=" + TODAY.minusDays(2) + "&customerId=x";
        assertSame422(everything, "4 problems", "carId: unknown car NOPE", "to must be after from",
                "from must not be in the past", "customerId: unknown customer x");
        // malformed dates are named with the other problems: the monolith passes the text on as written
        assertSame422("/api/quotes?carId=NOPE&from=2030-13-01&to=next%20week", "3 problems",
                "from must be a date as YYYY-MM-DD, got '2030-13-01'", "to must be a date as YYYY-MM-DD, got 'next week'",
                "carId: unknown car NOPE");
        assertSame422("/api/quotes", "3 problems", "from is required", "to is required", "carId is required");
        assertSame422(quote("bad id!", MONDAY, MONDAY.plusDays(1)), "carId: unknown car bad id!");
        // pricing-service asks this monolith for the customer (RemoteCustomerDirectory): 404 there = unknown here
        assertSame422(quote(GALAXY, MONDAY, MONDAY.plusDays(1)) + "&customerId=" + NOBODY, "customerId: unknown customer " + NOBODY);
    }

    @Test
    void aReservationRejectedByPricingServiceIs422AndWritesNothing() {
        int before = APPS.reservations();
        HttpResponse<String> response = Services.post(APPS.monolith("/api/reservations"), reservation(ADA, GALAXY, MONDAY, MONDAY.plusDays(91)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.body()).contains("to must be at most 90 days after from, got 91 days");
        assertThat(APPS.reservations()).isEqualTo(before);
    }

    @Test
    void remoteCustomerDirectoryReadsTheMonolithsCustomersAndFallsBackToTheLastRead() {
        AtomicReference<URI> monolith = new AtomicReference<>(URI.create(APPS.monolith("")));
        RemoteCustomerDirectory customers = new RemoteCustomerDirectory(
                new RemoteService("customers", name -> monolith.get(), APPS.monolith.client(), new HystrixSettings()));
        assertThat(customers.find(ADA)).map(Customer::name).contains("Ada Lovelace");
        assertThat(customers.find(ADA.toUpperCase())).map(Customer::id).contains(ADA);
        assertThat(customers.find(NOBODY)).isEmpty();
        assertThat(customers.find("x")).as("malformed: unknown, without a call").isEmpty();
        assertThat(HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey("findCustomer")).getCommandGroup().name())
                .isEqualTo("customers");

        monolith.set(URI.create("http://127.0.0.1:1")); // the monolith is gone
        Degraded.begin();
        assertThat(customers.find(ADA)).as("the last read, stale").map(Customer::name).contains("Ada Lovelace");
        assertThat(Degraded.end()).containsExactly("customers");
        assertThatThrownBy(() -> customers.find("c0000000-0000-4000-8000-000000000002"))
                .isInstanceOf(RemoteUnavailableException.class).hasMessage("customers is unavailable, retry after 5 s");
    }

    @Test
    void unknownPricingModeOrFallbackFailsStartupNamingTheChoices() {
        DropwizardTestSupport<FleetConfiguration> badMode = new DropwizardTestSupport<>(FleetApplication.class, "config.yml",
                "bad-pricing", ConfigOverride.config("bad-pricing", "pricing.mode", "elsewhere"));
        assertThatThrownBy(badMode::before).hasMessageContaining("pricing.mode must be local, remote or parallel, not 'elsewhere'");
        DropwizardTestSupport<FleetConfiguration> badFallback = new DropwizardTestSupport<>(FleetApplication.class, "config.yml",
                "bad-fallback", ConfigOverride.config("bad-fallback", "pricing.fallback", "guess"));
        assertThatThrownBy(badFallback::before).hasMessageContaining("pricing.fallback must be fail-fast or list-price, not 'guess'");
    }

    /** The monolith answers exactly what pricing-service answers: status, message and every error. */
    private static void assertSame422(String pathAndQuery, String message, String... errors) {
        HttpResponse<String> viaMonolith = Services.get(APPS.monolith(pathAndQuery));
        HttpResponse<String> direct = Services.get(APPS.pricingService(pathAndQuery));
        assertThat(direct.statusCode()).as(direct.body()).isEqualTo(422);
        assertThat(viaMonolith.statusCode()).as(viaMonolith.body()).isEqualTo(422);
        assertThat(viaMonolith.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(viaMonolith.body()).isEqualTo(direct.body());
        JsonNode error = Monolith.parse(viaMonolith.body());
        assertThat(error.get("code").asInt()).isEqualTo(422);
        assertThat(error.get("message").asText()).contains(message);
        assertThat(error.get("errors").toString()).contains(errors.length == 0 ? new String[] {message} : errors);
    }
}
