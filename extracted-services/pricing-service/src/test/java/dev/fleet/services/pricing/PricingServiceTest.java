package dev.fleet.services.pricing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.platform.testing.FleetAppExtension;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.catalog.CatalogServiceApplication;
import dev.fleet.services.catalog.CatalogServiceConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

import static dev.fleet.platform.testing.FleetAppExtension.api;
import static dev.fleet.platform.testing.FleetAppExtension.assertChassisAdmin;
import static dev.fleet.platform.testing.FleetAppExtension.assertError;
import static dev.fleet.platform.testing.FleetAppExtension.parse;
import static dev.fleet.platform.testing.FleetAppExtension.tableExists;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * pricing-service with its real config.yml next to a real catalog-service (same JVM, real HTTP). Its customers
 * remote (the monolith) is not running here: a quote naming a customer is then 503, which is tested too; quotes
 * with customers through a running monolith are in the monolith's PricingRemoteModeTest. The last test stops
 * catalog-service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PricingServiceTest {

    static final String GALAXY = "0345391802"; // 59.00 a day
    static final String NEVER_READ = "MAD-BMW-5-01";
    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final LocalDate MONDAY = TODAY.with(TemporalAdjusters.next(DayOfWeek.MONDAY));

    static final TestDatabase CATALOG_DB = TestDatabase.create();
    static final TestDatabase PRICING_DB = TestDatabase.create();

    // catalog-service's own config.yml; its overrides use their own prefix so they cannot leak into pricing-service's
    static final DropwizardAppExtension<CatalogServiceConfiguration> CATALOG = FleetAppExtension.service(
            CatalogServiceApplication.class, "../catalog-service/config.yml", "catalog-service", CATALOG_DB);

    static final DropwizardAppExtension<PricingServiceConfiguration> PRICING = FleetAppExtension.app(
            PricingServiceApplication.class, PRICING_DB,
            // known once catalog-service runs (it starts first)
            ConfigOverride.config("remote.services.catalog", () -> "http://127.0.0.1:" + CATALOG.getLocalPort()),
            // nothing listens on port 1: the monolith (customers) is down
            ConfigOverride.config("remote.services.customers", "http://127.0.0.1:1"));

    @BeforeAll
    static void start() throws Exception {
        CATALOG.before();
        PRICING.before();
        warmUp();
    }

    @AfterAll
    static void stop() {
        try {
            PRICING.after();
        } finally {
            CATALOG.after();
            CATALOG_DB.close();
        }
    }

    /** The first remote call of a JVM (class loading, JIT, connections) can outlast a Hystrix timeout; not what we test. */
    private static void warmUp() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (quote(GALAXY, MONDAY, MONDAY.plusDays(1)).request().get().getStatus() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("pricing-service never answered a quote");
            }
            Thread.sleep(200);
        }
    }

    @Test
    @Order(1)
    void itsDatabaseHoldsOnlyPricingsTables() {
        assertThat(tableExists(PRICING_DB, "price_rules")).isTrue();
        assertThat(tableExists(PRICING_DB, "cars")).as("catalog's table").isFalse();
        assertThat(tableExists(PRICING_DB, "customers")).as("customers' table").isFalse();
        assertThat(tableExists(PRICING_DB, "reservations")).as("reservations' table").isFalse();
    }

    @Test
    @Order(1)
    void quotesWithThePriceRulesLikeTheMonolith() {
        Response response = quote(GALAXY, MONDAY, MONDAY.plusDays(7)).request().get();
        String body = response.readEntity(String.class);
        assertThat(response.getStatus()).as(body).isEqualTo(200);
        assertThat(body).contains("\"from\":\"" + MONDAY + "\"", "\"to\":\"" + MONDAY.plusDays(7) + "\"", "\"total\":392.94",
                "\"amount\":413.00", "\"amount\":23.60", "\"amount\":-43.66", "\"currency\":\"EUR\"");
        JsonNode quote = parse(body);
        assertThat(quote.get("carId").asText()).isEqualTo(GALAXY);
        assertThat(quote.get("days").asInt()).isEqualTo(7);
        assertThat(quote.get("breakdown").findValuesAsText("label")).containsExactly("7 days × 59.00",
                "Weekend surcharge: 2 days × 20 % of 59.00", "Long-rental discount (7+ days): 10 % off 436.60");
        assertThat(response.getHeaderString("X-Fleet-Degraded")).isNull();
    }

    @Test
    @Order(1)
    void badInputIs422JsonNamingEveryProblem() {
        JsonNode missing = assertError(api(PRICING, "/api/quotes").request().get(), 422, "3 problems");
        assertThat(missing.get("errors").toString()).contains("from is required", "to is required", "carId is required");
        assertError(api(PRICING, "/api/quotes").queryParam("carId", GALAXY).queryParam("from", "2030-13-01")
                .queryParam("to", MONDAY.toString()).request().get(), 422, "from must be a date as YYYY-MM-DD, got '2030-13-01'");
        // catalog-service answers 404: an unknown car, not a failure
        assertError(quote("NO-SUCH-CAR", MONDAY, MONDAY.plusDays(1)).request().get(), 422, "carId: unknown car NO-SUCH-CAR");
        assertError(quote("bad id!", MONDAY, MONDAY.plusDays(1)).request().get(), 422, "carId: unknown car bad id!");
        // a malformed customer id is unknown without asking the monolith (which is down here)
        JsonNode all = assertError(quote("NOPE", TODAY.minusDays(2), TODAY.minusDays(2)).queryParam("customerId", "x")
                .request().get(), 422, "4 problems");
        assertThat(all.get("errors").toString()).contains("carId: unknown car NOPE", "to must be after from",
                "from must not be in the past", "customerId: unknown customer x");
        assertError(quote(GALAXY, MONDAY, MONDAY.plusDays(91)).request().get(), 422, "to must be at most 90 days after from");
        // the same RentalPeriod as the monolith's: bookings open 730 days ahead, so no date beyond a database's range
        assertError(quote(GALAXY, TODAY.plusDays(731), TODAY.plusDays(732)).request().get(), 422, "from must be at most 730 days from today");
        assertError(api(PRICING, "/api/quotes").queryParam("carId", GALAXY).queryParam("from", "+999999-01-01")
                .queryParam("to", "+999999-01-02").request().get(), 422, "from must be at most 730 days from today");
        assertError(api(PRICING, "/api/quotes/123").request().get(), 404, "");
    }

    @Test
    @Order(1)
    void aCustomerLookupWhileTheMonolithIsDownIs503WithRetryAfter() throws Exception {
        assertUnavailable(quote(GALAXY, MONDAY, MONDAY.plusDays(1)).queryParam("customerId", ADA), "customers is unavailable, retry after 5 s");
    }

    @Test
    @Order(1)
    void adminServesTheChassisTasksAndTheCircuitTask() throws Exception {
        assertChassisAdmin(PRICING);
        HttpResponse<String> circuits = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + PRICING.getAdminPort() + "/tasks/circuit"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(circuits.statusCode()).isEqualTo(200);
        assertThat(circuits.body()).contains("findCar (catalog)");
    }

    @Test
    @Order(2)
    void withCatalogServiceDownACarReadBeforeIsStaleAndANeverReadCarIs503() throws Exception {
        CATALOG.getTestSupport().after(); // catalog-service is gone (this also resets the JVM-global Hystrix state)

        Response stale = quote(GALAXY, MONDAY, MONDAY.plusDays(3)).request().get();
        String body = stale.readEntity(String.class);
        assertThat(stale.getStatus()).as(body).isEqualTo(200);
        assertThat(body).contains("3 days × 59.00", "\"total\":177.00");
        assertThat(stale.getHeaderString("X-Fleet-Degraded")).isEqualTo("catalog");

        assertUnavailable(quote(NEVER_READ, MONDAY, MONDAY.plusDays(3)), "catalog is unavailable, retry after 5 s");
    }

    /**
     * 503 JSON with {@code Retry-After: 5}. Sent with the JDK's client: the test client (Apache HttpClient 5) would
     * honour the Retry-After and silently retry once, 5 s later.
     */
    private static void assertUnavailable(WebTarget target, String message) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(target.getUri()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"code\":503,\"message\":\"" + message + "\"}");
    }

    private static WebTarget quote(String carId, LocalDate from, LocalDate to) {
        return api(PRICING, "/api/quotes").queryParam("carId", carId)
                .queryParam("from", from.toString()).queryParam("to", to.toString());
    }
}
