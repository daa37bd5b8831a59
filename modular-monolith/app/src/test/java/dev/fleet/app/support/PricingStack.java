package dev.fleet.app.support;

import dev.fleet.app.FleetConfiguration;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.catalog.CatalogServiceConfiguration;
import dev.fleet.services.pricing.PricingServiceConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static dev.fleet.platform.testing.FleetAppExtension.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * catalog-service, the monolith and pricing-service in one JVM (real HTTP, each on its own test database), for the
 * monolith's pricing remote and parallel modes: the monolith calls pricing-service, which reads cars from
 * catalog-service and customers from the monolith. pricing-service's port is chosen first (the two call each other);
 * catalog-service starts first, pricing-service last, and they stop in reverse. A test class registers it with
 * {@code @RegisterExtension static final PricingStack APPS = …}: it starts before the class's {@code @BeforeAll}
 * methods and stops after its {@code @AfterAll} ones.
 */
public final class PricingStack implements BeforeAllCallback, AfterAllCallback {

    public final TestDatabase catalogDb = TestDatabase.create();
    public final TestDatabase pricingDb = TestDatabase.create();
    public final TestDatabase monolithDb = TestDatabase.create();
    private final int pricingPort = Services.freePort();

    public final DropwizardAppExtension<CatalogServiceConfiguration> catalog = Services.catalogService(catalogDb);
    public final DropwizardAppExtension<FleetConfiguration> monolith;
    public final DropwizardAppExtension<PricingServiceConfiguration> pricing;

    /**
     * {@code monolith}: the monolith's overrides ({@code pricing.mode}, timeouts, …; {@code remote.services.pricing}
     * is set here); {@code pricingService}: pricing-service's, prefix {@code pricing-service}.
     */
    public PricingStack(List<ConfigOverride> monolith, ConfigOverride... pricingService) {
        List<ConfigOverride> overrides = new ArrayList<>(monolith);
        overrides.add(ConfigOverride.config("remote.services.pricing", "http://127.0.0.1:" + pricingPort));
        this.monolith = Monolith.app(monolithDb, overrides.toArray(ConfigOverride[]::new));
        this.pricing = Services.pricingService(pricingDb, () -> String.valueOf(pricingPort),
                () -> "http://127.0.0.1:" + catalog.getLocalPort(),
                () -> "http://127.0.0.1:" + this.monolith.getLocalPort(), pricingService);
    }

    /**
     * For tests about answers, not timing: generous timeouts (the monolith's 10 s, pricing-service's 5 s: a call's budget
     * exceeds its callee's), since three apps share a busy test JVM. {@code monolith}: {@code pricing.mode} and the like.
     */
    public static PricingStack answersNotTiming(ConfigOverride... monolith) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(monolith));
        overrides.add(ConfigOverride.config("remote.client.timeout", "10s"));
        overrides.add(ConfigOverride.config("remote.hystrix.executionTimeout", "10s"));
        return new PricingStack(overrides,
                ConfigOverride.config("pricing-service", "remote.client.timeout", "5s"),
                ConfigOverride.config("pricing-service", "remote.hystrix.executionTimeout", "5s"));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        catalog.before();
        monolith.before();
        pricing.before();
    }

    /** Stops all three; the monolith's database goes with it, the services' are closed here. */
    @Override
    public void afterAll(ExtensionContext context) {
        try {
            pricing.after();
            monolith.after();
        } finally {
            catalog.after();
            catalogDb.close();
            pricingDb.close();
        }
    }

    /** The monolith's URL for {@code pathAndQuery}. */
    public String monolith(String pathAndQuery) {
        return "http://127.0.0.1:" + monolith.getLocalPort() + pathAndQuery;
    }

    public String pricingService(String pathAndQuery) {
        return "http://127.0.0.1:" + pricing.getLocalPort() + pathAndQuery;
    }

    public String catalogService(String pathAndQuery) {
        return "http://127.0.0.1:" + catalog.getLocalPort() + pathAndQuery;
    }

    /** pricing-service's chassis fault task ({@code POST /tasks/fault?query}); its answer. */
    public String fault(String query) {
        HttpResponse<String> response = Services.post("http://127.0.0.1:" + pricing.getAdminPort() + "/tasks/fault?" + query, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /**
     * Asks the monolith for {@code pathAndQuery} until it answers 200: the first remote calls of a JVM (class loading,
     * JIT, connections) can outlast a Hystrix timeout, and an open circuit closes only after its sleep window.
     */
    public void awaitOk(String pathAndQuery, Duration atMost) throws InterruptedException {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        Await.until(atMost, Duration.ofMillis(200),
                () -> "the monolith never answered " + pathAndQuery + " through pricing-service: " + last.get().body(),
                () -> {
                    last.set(Services.get(monolith(pathAndQuery)));
                    return last.get().statusCode() == 200;
                });
    }

    /** How many reservations the monolith's database holds. */
    public int reservations() {
        return count(monolithDb, "SELECT COUNT(*) FROM reservations");
    }

    /** {@code /api/quotes} for a car and dates (a car id with a blank or '!' stays one query value). */
    public static String quote(String carId, LocalDate from, LocalDate to) {
        return "/api/quotes?carId=" + carId.replace(" ", "%20").replace("!", "%21") + "&from=" + from + "&to=" + to;
    }

    /** A reservation's JSON body. */
    public static String reservation(String customerId, String carId, LocalDate from, LocalDate to) {
        return "{\"customerId\":\"" + customerId + "\",\"carId\":\"" + carId + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
    }
}
