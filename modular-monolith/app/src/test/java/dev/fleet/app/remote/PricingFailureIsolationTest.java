package dev.fleet.app.remote;

import com.netflix.hystrix.HystrixCircuitBreaker;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import com.netflix.hystrix.HystrixEventType;
import dev.fleet.app.support.CommandEvents;
import dev.fleet.app.support.PricingStack;
import dev.fleet.app.support.Services;
import io.dropwizard.testing.ConfigOverride;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.function.Supplier;

import static dev.fleet.app.support.ApiAssertions.assertUnavailable;
import static dev.fleet.app.support.PricingStack.quote;
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

    @RegisterExtension
    static final PricingStack APPS = new PricingStack(List.of(
            ConfigOverride.config("pricing.mode", "remote"),
            ConfigOverride.config("pricing.fallback", "fail-fast"),
            // the socket timeout is longer than Hystrix's, so Hystrix's timeout is what ends a slow call
            ConfigOverride.config("remote.client.timeout", "2s"),
            ConfigOverride.config("remote.hystrix.executionTimeout", TIMEOUT.toMillis() + "ms"),
            ConfigOverride.config("remote.hystrix.threadPoolCoreSize", "20"),
            ConfigOverride.config("remote.hystrix.requestVolumeThreshold", "4"),
            ConfigOverride.config("remote.hystrix.errorThresholdPercentage", "50"),
            ConfigOverride.config("remote.hystrix.sleepWindow", "2s"),
            ConfigOverride.config("remote.hystrix.rollingWindow", "10s"),
            ConfigOverride.config("remote.hystrix.healthSnapshotInterval", "100ms")));

    @BeforeAll
    static void warmUp() throws InterruptedException {
        // the first calls of a JVM (class loading, JIT) can outlast the 500 ms timeout: not what this test is about
        APPS.awaitOk(quote(GALAXY, MONDAY, MONDAY.plusDays(1)), Duration.ofSeconds(60));
    }

    @Test
    void aSlowPricingServiceTimesOutThenTheCircuitOpensShortCircuitsAndClosesWhenItRecovers() throws Exception {
        try (CommandEvents quotes = CommandEvents.of("quote")) {
            assertThat(APPS.fault("latencyMs=" + FAULT_LATENCY_MS + "&path=/api/quotes")).contains("fault injection active");

            // 1. slower than the timeout: 503 + Retry-After once the timeout passed, not when pricing-service answers
            assertUnavailableWithinTheTimeout(() -> Services.get(APPS.monolith(quote(GALAXY, MONDAY, MONDAY.plusDays(2)))));
            int before = APPS.reservations();
            assertUnavailableWithinTheTimeout(() -> Services.post(APPS.monolith("/api/reservations"), reservation(MONDAY.plusDays(3))));
            assertThat(APPS.reservations()).as("nothing written").isEqualTo(before);
            assertThat(quotes.await(2)).allSatisfy(events -> assertThat(events).contains(HystrixEventType.TIMEOUT));

            // 2. enough timeouts in the window: the breaker opens on its health counts
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            HystrixCircuitBreaker breaker = HystrixCircuitBreaker.Factory.getInstance(QUOTE);
            while (!breaker.isOpen() && System.nanoTime() < deadline) {
                assertThat(Services.get(APPS.monolith(quote(GALAXY, MONDAY, MONDAY.plusDays(2)))).statusCode()).isEqualTo(503);
            }
            assertThat(breaker.isOpen()).as("the circuit opened").isTrue();
            HystrixCommandMetrics.HealthCounts health = HystrixCommandMetrics.getInstance(QUOTE).getHealthCounts();
            assertThat(health.getTotalRequests()).isGreaterThanOrEqualTo(4);
            assertThat(health.getErrorPercentage()).isGreaterThanOrEqualTo(50);

            // 3. open: calls are short-circuited (pricing-service is not called) and still answer 503 + Retry-After
            quotes.clear();
            for (int i = 0; i < 5; i++) {
                assertUnavailableWithinTheTimeout(() -> Services.get(APPS.monolith(quote(GALAXY, MONDAY, MONDAY.plusDays(2)))));
            }
            assertUnavailableWithinTheTimeout(() -> Services.post(APPS.monolith("/api/reservations"), reservation(MONDAY.plusDays(3))));
            assertThat(quotes.await(6)).hasSize(6).allSatisfy(events -> assertThat(events)
                    .contains(HystrixEventType.SHORT_CIRCUITED).doesNotContain(HystrixEventType.TIMEOUT));

            // 4. fault removed: after the sleep window a probe succeeds and closes the circuit
            assertThat(APPS.fault("clear=true")).contains("fault injection off");
            APPS.awaitOk(quote(GALAXY, MONDAY, MONDAY.plusDays(1)), Duration.ofSeconds(30));
            assertThat(breaker.isOpen()).as("the circuit closed").isFalse();
            HttpResponse<String> quote = Services.get(APPS.monolith(quote(GALAXY, MONDAY, MONDAY.plusDays(2))));
            assertThat(quote.statusCode()).as(quote.body()).isEqualTo(200);
            assertThat(quote.body()).contains("\"total\":118.00");
            HttpResponse<String> reserved = Services.post(APPS.monolith("/api/reservations"), reservation(MONDAY.plusDays(3)));
            assertThat(reserved.statusCode()).as(reserved.body()).isEqualTo(201);
        }
    }

    /** 503 JSON with Retry-After, answered within the Hystrix timeout plus a margin (and long before the remote would). */
    private static void assertUnavailableWithinTheTimeout(Supplier<HttpResponse<String>> request) {
        long start = System.nanoTime();
        HttpResponse<String> response = request.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertUnavailable(response, "pricing");
        assertThat(took).isLessThan(TIMEOUT.plus(MARGIN));
    }

    private static String reservation(LocalDate from) {
        return PricingStack.reservation(ADA, GALAXY, from, from.plusDays(2));
    }
}
