package dev.fleet.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetApplication;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.app.support.ServiceNextToMonolith;
import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.platform.remote.Degraded;
import dev.fleet.platform.remote.HystrixSettings;
import dev.fleet.platform.remote.RemoteService;
import dev.fleet.platform.remote.RemoteUnavailableException;
import dev.fleet.platform.remote.StaticServiceDirectory;
import dev.fleet.services.catalog.CatalogServiceApplication;
import dev.fleet.services.catalog.CatalogServiceConfiguration;
import dev.fleet.catalog.remote.RemoteCarCatalog;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.jackson.JacksonFeature;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.glassfish.jersey.client.JerseyClientBuilder;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.fleet.app.support.ApiAssertions.assertError;
import static dev.fleet.app.support.Monolith.json;
import static dev.fleet.app.support.ServiceNextToMonolith.ADA;
import static dev.fleet.app.support.ServiceNextToMonolith.awaitFailuresCounted;
import static dev.fleet.platform.testing.FleetAppExtension.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The monolith after the catalog's cut-over (catalog remote mode) next to a real catalog-service (same JVM): its own
 * /api/cars, pricing and reservations read and write cars in catalog-service, 4xx answers pass through unchanged,
 * and the monolith records no CarChanged events. When catalog-service is gone, cars read before are answered stale
 * (degraded), others and every write are 503 with Retry-After. The test that stops catalog-service runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogRemoteModeTest {

    static final String REMOTE_ONLY = "RMT-ONLY-1"; // created in catalog-service's database only
    static final String NEVER_READ = "0345391802"; // exists in both databases, never read through the monolith
    static final String VIA_MONOLITH = "RMT-VIA-MONO-1"; // created through the monolith's /api/cars
    static final LocalDate FROM = LocalDate.now(ZoneOffset.UTC).plusDays(10);

    @RegisterExtension
    static final ServiceNextToMonolith<CatalogServiceConfiguration> APPS = new ServiceNextToMonolith<>(
            CatalogServiceApplication.class, "catalog-service", "catalog", List.of(),
            // generous timeouts: on a loaded build machine a cold first call must not turn into a timeout (this test
            // is about where cars live and what a dead catalog-service answers, not about timing)
            ConfigOverride.config("remote.client.timeout", "5s"),
            ConfigOverride.config("remote.hystrix.executionTimeout", "10s"));

    /**
     * The test's client: a long read timeout, since the default client (HttpURLConnection, 5 s) silently re-sends a
     * POST that timed out, which would turn a slow create into a 409.
     */
    static final Client HTTP = new JerseyClientBuilder().register(new JacksonFeature(Jackson.newObjectMapper()))
            .property(ClientProperties.CONNECT_TIMEOUT, 5_000).property(ClientProperties.READ_TIMEOUT, 60_000)
            .property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true).build();

    @AfterAll
    static void closeClient() {
        HTTP.close();
    }

    @Test
    @Order(1)
    void theMonolithsCarsApiReadsAndWritesInCatalogService() {
        Response created = monolith("/api/cars").request().post(json("{\"id\":\"" + VIA_MONOLITH
                + "\",\"manufacturer\":\"Cupra\",\"model\":\"Born\",\"category\":\"COMPACT\",\"dailyRate\":49.5,\"location\":\"BCN\"}"));
        String body = created.readEntity(String.class);
        assertThat(created.getStatus()).as(body).isEqualTo(201);
        assertThat(body).contains("\"dailyRate\":49.50");
        assertThat(created.getLocation().toString()).isEqualTo("http://127.0.0.1:" + APPS.monolith.getLocalPort() + "/api/cars/" + VIA_MONOLITH);
        assertThat(count(APPS.serviceDb, "SELECT COUNT(*) FROM cars WHERE id = ?", VIA_MONOLITH)).as("in catalog-service").isEqualTo(1);
        assertThat(count(APPS.monolithDb, "SELECT COUNT(*) FROM cars WHERE id = ?", VIA_MONOLITH)).as("not in the monolith").isZero();

        Response replaced = monolith("/api/cars/" + VIA_MONOLITH).request().put(json("{\"model\":\"Born VZ\",\"dailyRate\":55}"));
        assertThat(replaced.getStatus()).isEqualTo(200);
        assertThat(count(APPS.serviceDb, "SELECT COUNT(*) FROM cars WHERE id = ? AND model = 'Born VZ' AND daily_rate = 55.00", VIA_MONOLITH)).isEqualTo(1);
        assertThat(monolith("/api/cars/" + VIA_MONOLITH).request().get(JsonNode.class).get("model").asText()).isEqualTo("Born VZ");
        assertThat(monolith("/api/cars").request().get(JsonNode.class).findValuesAsText("id")).contains(VIA_MONOLITH, "0000000000");
        Response quote = quote(VIA_MONOLITH).request().get();
        assertThat(quote.getStatus()).as("pricing sees the car written through the monolith").isEqualTo(200);
        assertThat(quote.readEntity(String.class)).contains("3 days × 55.00");

        assertThat(monolith("/api/cars/" + VIA_MONOLITH).request().delete().getStatus()).isEqualTo(204);
        assertThat(count(APPS.serviceDb, "SELECT COUNT(*) FROM cars WHERE id = ?", VIA_MONOLITH)).isZero();

        assertThat(count(APPS.monolithDb, "SELECT COUNT(*) FROM catalog_outbox")).as("the monolith records no CarChanged").isZero();
        assertThat(monolith("/api/cars").request().get().getHeaderString(CarChanged.SEQUENCE_HEADER))
                .as("the monolith publishes no change numbers").isNull();
    }

    @Test
    @Order(2)
    void catalogServices4xxAnswersReachTheMonolithsClientUnchanged() {
        assertError(monolith("/api/cars/" + VIA_MONOLITH + "-GONE").request().get(), 404, "car " + VIA_MONOLITH + "-GONE not found");
        assertError(monolith("/api/cars/bad%20id%21").request().get(), 400, "car id must be");
        assertError(monolith("/api/cars").request().post(json("{\"id\":\"0345391802\",\"manufacturer\":\"Fake\",\"model\":\"Car\"}")),
                409, "car 0345391802 already exists");
        JsonNode invalid = assertError(monolith("/api/cars").request().post(json("{\"id\":\"RMT-BAD\",\"dailyRate\":-1}")), 422, "problems");
        assertThat(invalid.get("errors").toString()).contains("manufacturer", "model", "dailyRate");
        assertError(monolith("/api/cars/RMT-GHOST").request().put(json("{\"manufacturer\":\"A\",\"model\":\"B\"}")), 404, "not found");
        assertError(monolith("/api/cars/RMT-GHOST").request().delete(), 404, "not found");
        assertError(monolith("/api/cars").request().post(json("{\"id\":\"RMT-BAD\",")), 400, "");
        assertThat(count(APPS.serviceDb, "SELECT COUNT(*) FROM cars WHERE id = ?", "RMT-BAD")).isZero();
    }

    /** The rollback of docs/catalog-cutover.md: the sync command, pointed at the monolith's database, copies the cars back. */
    @Test
    @Order(3)
    void aRollbackCopiesCatalogServicesCarsBackIntoTheMonolithsDatabase() throws Exception {
        Response created = monolith("/api/cars").request().post(json("{\"id\":\"RMT-AFTER-CUT\",\"manufacturer\":\"Cupra\","
                + "\"model\":\"Tavascan\",\"category\":\"SUV\",\"dailyRate\":69.00,\"location\":\"LIS\"}"));
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(count(APPS.monolithDb, "SELECT COUNT(*) FROM cars WHERE id = ?", "RMT-AFTER-CUT")).isZero();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(CatalogSyncRun.sync(APPS.monolithDb, "http://127.0.0.1:" + APPS.service.getLocalPort(), out, err)).as(err.toString()).isEmpty();

        assertThat(out.toString()).contains("copied 1,").contains("no X-Fleet-Catalog-Sequence");
        assertThat(count(APPS.monolithDb, "SELECT COUNT(*) FROM cars WHERE id = ? AND model = 'Tavascan'", "RMT-AFTER-CUT")).isEqualTo(1);
        assertThat(count(APPS.monolithDb, "SELECT COUNT(*) FROM cars")).isEqualTo(count(APPS.serviceDb, "SELECT COUNT(*) FROM cars"));
    }

    @Test
    @Order(4)
    void readsTheCatalogFromCatalogServiceAndDegradesToStaleCarsWhenItIsGone() throws Exception {
        // a car the monolith's /api/cars has read: answered stale once catalog-service is gone
        assertThat(monolith("/api/cars/0000000000").request().get().getStatus()).isEqualTo(200);

        Response created = HTTP.target("http://127.0.0.1:" + APPS.service.getLocalPort() + "/api/cars").request()
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

        Response reservation = monolith("/api/reservations").request().post(json("{\"customerId\":\"" + ADA
                + "\",\"carId\":\"" + REMOTE_ONLY + "\",\"from\":\"" + FROM + "\",\"to\":\"" + FROM.plusDays(3) + "\"}"));
        String reserved = reservation.readEntity(String.class);
        assertThat(reservation.getStatus()).as(reserved).isEqualTo(201);
        assertThat(Monolith.parse(reserved).get("carId").asText()).isEqualTo(REMOTE_ONLY);

        // list() (no module calls it yet): straight through a RemoteCarCatalog over the same catalog-service
        RemoteCarCatalog direct = new RemoteCarCatalog(new RemoteService("catalog", new StaticServiceDirectory(
                Map.of("catalog", URI.create("http://127.0.0.1:" + APPS.service.getLocalPort()))), APPS.monolith.client(), new HystrixSettings()));
        assertThat(direct.list()).extracting(Car::id).contains(REMOTE_ONLY, NEVER_READ);
        RemoteCarCatalog neverListed = new RemoteCarCatalog(new RemoteService("catalog", new StaticServiceDirectory(
                Map.of("catalog", URI.create("http://127.0.0.1:" + APPS.service.getLocalPort()))), APPS.monolith.client(), new HystrixSettings()));

        APPS.service.getTestSupport().after(); // catalog-service is gone (this also resets the JVM-global Hystrix state)

        Response stale = quote(REMOTE_ONLY).request().get();
        String staleBody = stale.readEntity(String.class);
        assertThat(stale.getStatus()).as(staleBody).isEqualTo(200);
        assertThat(staleBody).contains("3 days × 40.00");
        assertThat(stale.getHeaderString("X-Fleet-Degraded")).isEqualTo("catalog");
        awaitFailuresCounted("findCar", "catalog"); // the fallback answered: the stale quote above

        Response unavailable = quote(NEVER_READ).request().get();
        assertThat(unavailable.getHeaderString("Retry-After")).isEqualTo("5");
        assertError(unavailable, 503, "catalog is unavailable");

        Response staleCar = monolith("/api/cars/0000000000").request().get();
        assertThat(staleCar.getStatus()).isEqualTo(200);
        assertThat(staleCar.getHeaderString("X-Fleet-Degraded")).isEqualTo("catalog");
        assertThat(staleCar.readEntity(JsonNode.class).get("model").asText()).isEqualTo("Carrera");
        Response neverRead = monolith("/api/cars/" + NEVER_READ).request().get();
        assertThat(neverRead.getHeaderString("Retry-After")).isEqualTo("5");
        assertError(neverRead, 503, "catalog is unavailable");

        // writes never fall back: 503 JSON with Retry-After, whatever was read before
        Response create = monolith("/api/cars").request().post(json("{\"id\":\"RMT-DOWN\",\"manufacturer\":\"A\",\"model\":\"B\"}"));
        assertThat(create.getHeaderString("Retry-After")).isEqualTo("5");
        assertError(create, 503, "catalog is unavailable, retry after 5 s");
        Response replace = monolith("/api/cars/0000000000").request().put(json("{\"model\":\"Carrera S\"}"));
        assertThat(replace.getHeaderString("Retry-After")).isEqualTo("5");
        assertError(replace, 503, "catalog is unavailable");
        Response delete = monolith("/api/cars/0000000000").request().delete();
        assertThat(delete.getHeaderString("Retry-After")).isEqualTo("5");
        assertError(delete, 503, "catalog is unavailable");
        assertThat(count(APPS.monolithDb, "SELECT COUNT(*) FROM cars WHERE id = ?", "RMT-DOWN")).as("no local write either").isZero();

        Degraded.begin();
        assertThat(direct.list()).as("the last list, stale").extracting(Car::id).contains(REMOTE_ONLY);
        assertThat(Degraded.end()).containsExactly("catalog");
        assertThatThrownBy(neverListed::list).isInstanceOf(RemoteUnavailableException.class)
                .hasMessageContaining("retry after 5 s");
    }

    @Test
    @Order(5)
    void anUnknownCatalogModeFailsStartup() {
        DropwizardTestSupport<FleetConfiguration> bad = new DropwizardTestSupport<>(FleetApplication.class, "config.yml",
                "bad-mode", ConfigOverride.config("bad-mode", "catalog.mode", "elsewhere"));
        assertThatThrownBy(bad::before).hasMessageContaining("catalog.mode").hasMessageContaining("elsewhere")
                .hasMessageContaining("local").hasMessageContaining("remote");
    }

    private static WebTarget monolith(String path) {
        return HTTP.target("http://127.0.0.1:" + APPS.monolith.getLocalPort() + path);
    }

    private static WebTarget quote(String carId) {
        return monolith("/api/quotes").queryParam("carId", carId)
                .queryParam("from", FROM.toString()).queryParam("to", FROM.plusDays(3).toString());
    }
}
