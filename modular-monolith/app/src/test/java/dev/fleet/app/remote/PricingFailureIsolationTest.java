package dev.fleet.app.remote;

import com.netflix.hystrix.HystrixCircuitBreaker;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failure isolation: the monolith in pricing remote mode (fail-fast) with a real pricing-service and catalog-service
 * in one JVM; pricing-service is slowed with its own chassis fault task ({@code POST /tasks/fault}). Small Hystrix
 * settings for the monolith's {@code quote} command keep it quick: 500 ms timeout, 4 calls before the circuit can
 * open, 2 s sleep window, health snapshots every 100 ms.
 */
class PricingFailureIsolationTest {

    static final String GALAXY = "0345391802";
    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    static final LocalDate MONDAY = LocalDate.now(ZoneOffset.UTC).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    static final Duration TIMEOUT = Duration.ofMillis(500);
    /** What "answers within the timeout" allows on a busy machine; far below the injected latency. */
    static final Duration MARGIN = Duration.ofMillis(2500);
    static final long FAULT_LATENCY_MS = 8000;
    static final HystrixCommandKey QUOTE = HystrixCommandKey.Factory.asKey("quote");

    static final TestDatabase CATALOG_DB = TestDatabase.create();
    static final TestDatabase PRICING_DB = TestDatabase.create();
    static final TestDatabase MONOLITH_DB = TestDatabase.create();
    static final int PRICING_PORT = Services.freePort();

    static final DropwizardAppExtension<CatalogServiceConfiguration> CATALOG = Services.catalogService(CATALOG_DB);
    static final DropwizardAppExtension<FleetConfiguration> MONOLITH = Monolith.app(MONOLITH_DB,
            ConfigOverride.config("pricing.mode", "remote"),
            ConfigOverride.config("pricing.fallback", "fail-fast"),
            ConfigOverride.config("remote.services.pricing", "http://127.0.0.1:" + PRICING_PORT),
            // the socket timeout is longer than Hystrix's, so Hystrix's timeout is what ends a slow call
            ConfigOverride.config("remote.client.timeout", "2s"),
            ConfigOverride.config("remote.hystrix.executionTimeout", TIMEOUT.toMillis() + "ms"),
            ConfigOverride.config("remote.hystrix.threadPoolCoreSize", "20"),
            ConfigOverride.config("remote.hystrix.requestVolumeThreshold", "4"),
            ConfigOverride.config("remote.hystrix.errorThresholdPercentage", "50"),
            ConfigOverride.config("remote.hystrix.sleepWindow", "2s"),
            ConfigOverride.config("remote.hystrix.rollingWindow", "10s"),
            ConfigOverride.config("remote.hystrix.healthSnapshotInterval", "100ms"));
    static final DropwizardAppExtension<PricingServiceConfiguration> PRICING = Services.pricingService(PRICING_DB,
            () -> String.valueOf(PRICING_PORT),
            () -> "http://127.0.0.1:" + CATALOG.getLocalPort(),
            () -> "http://127.0.0.1:" + MONOLITH.getLocalPort());

    @BeforeAll
    static void start() throws Exception {
        CATALOG.before();
        MONOLITH.before();
        PRICING.before();
        // the first calls of a JVM (class loading, JIT) can outlast the 500 ms timeout: not what this test is about
        awaitQuote(Duration.ofSeconds(60));
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
    void aSlowPricingServiceTimesOutThenTheCircuitOpensShortCircuitsAndClosesWhenItRecovers() throws Exception {
        try (CommandEvents quotes = CommandEvents.of("quote")) {
            assertThat(fault("latencyMs=" + FAULT_LATENCY_MS + "&path=/api/quotes")).contains("fault injection active");

            // 1. slower than the timeout: 503 + Retry-After once the timeout passed, not when pricing-service answers
            assertUnavailableWithinTheTimeout(() -> Services.get(monolith(quote(MONDAY, MONDAY.plusDays(2)))));
            int before = reservations();
            assertUnavailableWithinTheTimeout(() -> Services.post(monolith("/api/reservations"), reservation(MONDAY.plusDays(3))));
            assertThat(reservations()).as("nothing written").isEqualTo(before);
            assertThat(quotes.await(2)).allSatisfy(events -> assertThat(events).contains(HystrixEventType.TIMEOUT));

            // 2. enough timeouts in the window: the breaker opens on its health counts
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            HystrixCircuitBreaker breaker = HystrixCircuitBreaker.Factory.getInstance(QUOTE);
            while (!breaker.isOpen() && System.nanoTime() < deadline) {
                assertThat(Services.get(monolith(quote(MONDAY, MONDAY.plusDays(2)))).statusCode()).isEqualTo(503);
            }
            assertThat(breaker.isOpen()).as("the circuit opened").isTrue();
            HystrixCommandMetrics.HealthCounts health = HystrixCommandMetrics.getInstance(QUOTE).getHealthCounts();
            assertThat(health.getTotalRequests()).isGreaterThanOrEqualTo(4);
            assertThat(health.getErrorPercentage()).isGreaterThanOrEqualTo(50);

            // 3. open: calls are short-circuited (pricing-service is not called) and still answer 503 + Retry-After
            quotes.clear();
            for (int i = 0; i < 5; i++) {
                assertUnavailableWithinTheTimeout(() -> Services.get(monolith(quote(MONDAY, MONDAY.plusDays(2)))));
            }
            assertUnavailableWithinTheTimeout(() -> Services.post(monolith("/api/reservations"), reservation(MONDAY.plusDays(3))));
            assertThat(quotes.await(6)).hasSize(6).allSatisfy(events -> assertThat(events)
                    .contains(HystrixEventType.SHORT_CIRCUITED).doesNotContain(HystrixEventType.TIMEOUT));

            // 4. fault removed: after the sleep window a probe succeeds and closes the circuit
            assertThat(fault("clear=true")).contains("fault injection off");
            awaitQuote(Duration.ofSeconds(30));
            assertThat(breaker.isOpen()).as("the circuit closed").isFalse();
            HttpResponse<String> quote = Services.get(monolith(quote(MONDAY, MONDAY.plusDays(2))));
            assertThat(quote.statusCode()).as(quote.body()).isEqualTo(200);
            assertThat(quote.body()).contains("\"total\":118.00");
            HttpResponse<String> reserved = Services.post(monolith("/api/reservations"), reservation(MONDAY.plusDays(3)));
            assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        }
    }

    /** 503 JSON with Retry-After, answered within the Hystrix timeout plus a margin (and long before the remote would). */
    private static void assertUnavailableWithinTheTimeout(Supplier<HttpResponse<String>> request) {
        long start = System.nanoTime();
        HttpResponse<String> response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.body()).isEqualTo("{\"code\":503,\"message\":\"pricing is unavailable, retry after 5 s\"}");
        assertThat(took).isLessThan(TIMEOUT.plus(MARGIN));
    }

    /** Polls until a quote through pricing-service succeeds (the circuit is closed). */
    private static void awaitQuote(Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        HttpResponse<String> response;
        while ((response = Services.get(monolith(quote(MONDAY, MONDAY.plusDays(1))))).statusCode() != 200) {
            assertThat(System.nanoTime()).as("no successful quote: " + response.body()).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static String fault(String query) {
        HttpResponse<String> response = Services.post("http://127.0.0.1:" + PRICING.getAdminPort() + "/tasks/fault?" + query, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String reservation(LocalDate from) {
        return "{\"customerId\":\"" + ADA + "\",\"carId\":\"" + GALAXY + "\",\"from\":\"" + from + "\",\"to\":\"" + from.plusDays(2) + "\"}";
    }

    private static int reservations() {
        return MONOLITH_DB.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM reservations").mapTo(Integer.class).one());
    }

    private static String quote(LocalDate from, LocalDate to) {
        return "/api/quotes?carId=" + GALAXY + "&from=" + from + "&to=" + to;
    }

    private static String monolith(String pathAndQuery) {
        return "http://127.0.0.1:" + MONOLITH.getLocalPort() + pathAndQuery;
    }
}
