package dev.fleet.pricing.remote;

import com.netflix.hystrix.Hystrix;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.catalog.api.CarCategory;
import dev.fleet.platform.remote.Degraded;
import dev.fleet.platform.remote.HystrixSettings;
import dev.fleet.platform.remote.RemoteService;
import dev.fleet.platform.remote.RemoteUnavailableException;
import dev.fleet.pricing.api.Quote;
import dev.fleet.pricing.api.QuoteLine;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * RemotePricing's fallbacks with pricing-service unreachable (nothing listens on port 1: a connection failure). The
 * answers of a running pricing-service, its 4xx and its timeouts are tested with real services in the monolith
 * (PricingRemoteModeTest, PricingFailureIsolationTest).
 */
class RemotePricingTest {

    static final Clock MONDAY = Clock.fixed(Instant.parse("2025-06-02T10:00:00Z"), ZoneOffset.UTC);
    static final LocalDate SATURDAY = LocalDate.parse("2025-06-07");
    static final Map<String, Car> CARS = Map.of(
            "GALAXY", new Car("GALAXY", "Ford", "Galaxy", CarCategory.VAN, new BigDecimal("59.00"), "MAD"),
            "ODD", new Car("ODD", "Fiat", "Panda", CarCategory.ECONOMY, new BigDecimal("9.5"), "MAD"));
    static final CarCatalog CATALOG = new CarCatalog() {
        @Override
        public Optional<Car> find(String id) {
            return Optional.ofNullable(CARS.get(id));
        }

        @Override
        public List<Car> list() {
            return List.copyOf(CARS.values());
        }
    };

    static final Client CLIENT = ClientBuilder.newClient();
    static final RemoteService DOWN = new RemoteService("pricing", name -> URI.create("http://127.0.0.1:1"), CLIENT, new HystrixSettings());

    @AfterEach
    void stopTracking() {
        Degraded.end();
    }

    @AfterAll
    static void close() {
        CLIENT.close();
        Hystrix.reset();
    }

    @Test
    void failFastIs503WithRetryAfter() {
        RemotePricing pricing = RemotePricing.failFast(DOWN);
        assertThatThrownBy(() -> pricing.quote("GALAXY", SATURDAY, SATURDAY.plusDays(2), null))
                .isInstanceOfSatisfying(RemoteUnavailableException.class, e -> {
                    assertThat(e.service()).isEqualTo("pricing");
                    assertThat(e.retryAfterSeconds()).isEqualTo(5);
                });
        HystrixCommandMetrics metrics = HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey("quote"));
        assertThat(metrics.getCommandGroup().name()).isEqualTo("pricing");
        assertThat(metrics.getThreadPoolKey().name()).isEqualTo("pricing");
    }

    @Test
    void listPriceIsTheDailyRateTimesTheDaysWithoutRulesAndDegraded() {
        RemotePricing pricing = RemotePricing.listPrice(DOWN, CATALOG, MONDAY);
        Degraded.begin();
        // a weekend and 8 days: the local rules would add a surcharge and a discount
        Quote quote = pricing.quote("GALAXY", SATURDAY, SATURDAY.plusDays(8), null);
        assertThat(Degraded.end()).containsExactly("pricing");
        assertThat(quote).isEqualTo(new Quote("GALAXY", SATURDAY, SATURDAY.plusDays(8), 8, new BigDecimal("472.00"), "EUR",
                List.of(new QuoteLine("8 days × 59.00 (list price: pricing unavailable)", new BigDecimal("472.00")))));
        assertThat(pricing.quoteText("ODD", "2025-06-02", "2025-06-03", null).total()).isEqualTo(new BigDecimal("9.50"));
    }

    @Test
    void listPriceDoesNotGuessWhatPricingServiceWouldReject() {
        RemotePricing pricing = RemotePricing.listPrice(DOWN, CATALOG, MONDAY);
        assertUnavailable(() -> pricing.quote("NOPE", SATURDAY, SATURDAY.plusDays(1), null));
        assertUnavailable(() -> pricing.quote(null, SATURDAY, SATURDAY.plusDays(1), null));
        assertUnavailable(() -> pricing.quote("GALAXY", SATURDAY, SATURDAY, null));
        assertUnavailable(() -> pricing.quote("GALAXY", SATURDAY, SATURDAY.plusDays(91), null));
        assertUnavailable(() -> pricing.quote("GALAXY", LocalDate.parse("2025-06-01"), SATURDAY, null));
        assertUnavailable(() -> pricing.quoteText("GALAXY", "tomorrow", "2025-06-09", null));
        assertUnavailable(() -> pricing.quoteText("GALAXY", null, "2025-06-09", null));
    }

    private static void assertUnavailable(Runnable quote) {
        assertThatThrownBy(quote::run).isInstanceOf(RemoteUnavailableException.class)
                .hasMessage("pricing is unavailable, retry after 5 s");
    }
}
