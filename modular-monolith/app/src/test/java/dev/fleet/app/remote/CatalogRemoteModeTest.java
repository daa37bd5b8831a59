package dev.fleet.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import dev.fleet.app.FleetApplication;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.catalog.api.Car;
import dev.fleet.platform.remote.Degraded;
import dev.fleet.platform.remote.HystrixSettings;
import dev.fleet.platform.remote.RemoteService;
import dev.fleet.platform.remote.RemoteUnavailableException;
import dev.fleet.platform.remote.StaticServiceDirectory;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.catalog.CatalogServiceApplication;
import dev.fleet.services.catalog.CatalogServiceConfiguration;
import dev.fleet.catalog.remote.RemoteCarCatalog;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static dev.fleet.app.support.ApiAssertions.assertError;
import static dev.fleet.app.support.Monolith.api;
import static dev.fleet.app.support.Monolith.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The monolith in catalog remote mode next to a real catalog-service (same JVM): pricing and reservations read
 * cars from catalog-service; when it is gone, cars read before are answered stale (degraded), others are 503.
 */
class CatalogRemoteModeTest {

    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    static final String REMOTE_ONLY = "RMT-ONLY-1"; // created in catalog-service's database only
    static final String NEVER_READ = "0345391802"; // exists in both databases, never read through the monolith
    static final LocalDate FROM = LocalDate.now(ZoneOffset.UTC).plusDays(10);

    static final TestDatabase CATALOG_DB = TestDatabase.create();
    static final TestDatabase MONOLITH_DB = TestDatabase.create();

    // catalog-service's own config.yml; its overrides use their own prefix so they cannot leak into the monolith's
    static final DropwizardAppExtension<CatalogServiceConfiguration> CATALOG = new DropwizardAppExtension<>(
            CatalogServiceApplication.class, "../../extracted-services/catalog-service/config.yml", "catalog-service",
            ConfigOverride.config("catalog-service", "server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("catalog-service", "server.adminConnectors[0].port", "0"),
            ConfigOverride.config("catalog-service", "database.url", CATALOG_DB.url()),
            ConfigOverride.config("catalog-service", "database.user", CATALOG_DB.user()),
            ConfigOverride.config("catalog-service", "database.password", ""),
            ConfigOverride.config("catalog-service", "logging.level", "WARN"));

    static final DropwizardAppExtension<FleetConfiguration> MONOLITH = Monolith.app(MONOLITH_DB,
            ConfigOverride.config("catalog.mode", "remote"),
            // the port is known once catalog-service runs (it starts first)
            ConfigOverride.config("remote.services.catalog", () -> "http://127.0.0.1:" + CATALOG.getLocalPort()));

    @BeforeAll
    static void start() throws Exception {
        CATALOG.before();
        MONOLITH.before();
    }

    @AfterAll
    static void stop() {
        try {
            MONOLITH.after();
        } finally {
            CATALOG.after();
            CATALOG_DB.close();
        }
    }

    @Test
    void readsTheCatalogFromCatalogServiceAndDegradesToStaleCarsWhenItIsGone() throws Exception {
        Response created = CATALOG.client().target("http://127.0.0.1:" + CATALOG.getLocalPort() + "/api/cars").request()
                .post(json("{\"id\":\"" + REMOTE_ONLY + "\",\"manufacturer\":\"Renault\",\"model\":\"Zoe\","
                        + "\"category\":\"COMPACT\",\"dailyRate\":40.00,\"location\":\"BCN\"}"));
        assertThat(created.getStatus()).isEqualTo(201);

        // the car exists only in catalog-service's database: a quote proves the remote path
        Response quote = quote(REMOTE_ONLY).request().get();
        String body = quote.readEntity(String.class);
        assertThat(quote.getStatus()).as(body).isEqualTo(200);
        assertThat(Monolith.parse(body).get("carId").asText()).isEqualTo(REMOTE_ONLY);
        assertThat(body).contains("3 days × 40.00");
        assertThat(quote.getHeaderString("X-Fleet-Degraded")).isNull();

        Response reservation = api(MONOLITH, "/api/reservations").request().post(json("{\"customerId\":\"" + ADA
                + "\",\"carId\":\"" + REMOTE_ONLY + "\",\"from\":\"" + FROM + "\",\"to\":\"" + FROM.plusDays(3) + "\"}"));
        String reserved = reservation.readEntity(String.class);
        assertThat(reservation.getStatus()).as(reserved).isEqualTo(201);
        assertThat(Monolith.parse(reserved).get("carId").asText()).isEqualTo(REMOTE_ONLY);

        // list() (no module calls it yet): straight through a RemoteCarCatalog over the same catalog-service
        RemoteCarCatalog direct = new RemoteCarCatalog(new RemoteService("catalog", new StaticServiceDirectory(
                Map.of("catalog", URI.create("http://127.0.0.1:" + CATALOG.getLocalPort()))), MONOLITH.client(), new HystrixSettings()));
        assertThat(direct.list()).extracting(Car::id).contains(REMOTE_ONLY, NEVER_READ);
        RemoteCarCatalog neverListed = new RemoteCarCatalog(new RemoteService("catalog", new StaticServiceDirectory(
                Map.of("catalog", URI.create("http://127.0.0.1:" + CATALOG.getLocalPort()))), MONOLITH.client(), new HystrixSettings()));

        CATALOG.getTestSupport().after(); // catalog-service is gone (this also resets the JVM-global Hystrix state)

        Response stale = quote(REMOTE_ONLY).request().get();
        String staleBody = stale.readEntity(String.class);
        assertThat(stale.getStatus()).as(staleBody).isEqualTo(200);
        assertThat(staleBody).contains("3 days × 40.00");
        assertThat(stale.getHeaderString("X-Fleet-Degraded")).isEqualTo("catalog");
        assertFindCarFailuresCounted();

        Response unavailable = quote(NEVER_READ).request().get();
        assertThat(unavailable.getHeaderString("Retry-After")).isEqualTo("5");
        assertError(unavailable, 503, "catalog is unavailable");

        Degraded.begin();
        assertThat(direct.list()).as("the last list, stale").extracting(Car::id).contains(REMOTE_ONLY);
        assertThat(Degraded.end()).containsExactly("catalog");
        assertThatThrownBy(neverListed::list).isInstanceOf(RemoteUnavailableException.class)
                .hasMessageContaining("retry after 5 s");
    }

    @Test
    void anUnknownCatalogModeFailsStartup() {
        DropwizardTestSupport<FleetConfiguration> bad = new DropwizardTestSupport<>(FleetApplication.class, "config.yml",
                "bad-mode", ConfigOverride.config("bad-mode", "catalog.mode", "elsewhere"));
        assertThatThrownBy(bad::before).hasMessageContaining("catalog.mode").hasMessageContaining("elsewhere")
                .hasMessageContaining("local").hasMessageContaining("remote");
    }

    private static WebTarget quote(String carId) {
        return api(MONOLITH, "/api/quotes").queryParam("carId", carId)
                .queryParam("from", FROM.toString()).queryParam("to", FROM.plusDays(3).toString());
    }

    /**
     * Hystrix counted the failed findCar calls (health counts: what the circuit breaker reads; they lag by a snapshot
     * interval, so poll). The fallback answered: the stale quote above.
     */
    private static void assertFindCarFailuresCounted() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HystrixCommandMetrics.HealthCounts counts = null;
        while (System.nanoTime() < deadline) {
            HystrixCommandMetrics metrics = HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey("findCar"));
            counts = metrics == null ? null : metrics.getHealthCounts();
            if (counts != null && counts.getErrorCount() > 0) {
                assertThat(metrics.getCommandGroup().name()).isEqualTo("catalog");
                assertThat(metrics.getThreadPoolKey().name()).isEqualTo("catalog");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("findCar health counts show no failure: " + counts);
    }
}
