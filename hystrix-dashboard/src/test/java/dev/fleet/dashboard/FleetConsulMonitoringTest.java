package dev.fleet.dashboard;

import dev.fleet.platform.testing.AppJar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.platform.testing.TestConsul;
import dev.fleet.turbine.StreamWatcher;
import dev.fleet.turbine.TurbineConfig;
import dev.fleet.turbine.TurbineMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.fleet.turbine.StreamWatcher.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Turbine on Consul alone (no static table) over real apps that register THEMSELVES: catalog-service and two
 * pricing-service instances, each its own JVM from its runnable jar with {@code FLEET_CONSUL_URL} set to the
 * {@link TestConsul} agent. Turbine finds their streams at their registered admin ports and sums them; an instance
 * stopped with SIGTERM deregisters and leaves the sums while the stream flows on.
 *
 * <p>Command: pricing-service's quote (without a customer) calls {@code findCar} on catalog-service, found through
 * Consul too; catalog-service calls nothing, so {@code findCar} is reported by the pricing-service hosts only.
 */
@Tag("consul")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetConsulMonitoringTest {
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CAR = "0345391802";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static URI consul;
    private static AppJar catalog;
    private static AppJar pricing1;
    private static AppJar pricing2;
    private static TurbineMain turbine;
    private static final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void startTheSystem() throws Exception {
        consul = TestConsul.url();   // skips without an agent; fails if FLEET_IT_CONSUL names a dead one
        for (Path jar : List.of(AppJar.jar("extracted-services/catalog-service", "catalog-service"),
                AppJar.jar("extracted-services/pricing-service", "pricing-service"))) {
            String message = jar + " is missing: run ./mvnw package (or verify) for the whole reactor first";
            if (System.getenv(TestConsul.URL_ENV) != null) {
                assertThat(jar).as(message).isRegularFile();   // FLEET_IT_CONSUL set: must run, never skip
            }
            assumeTrue(Files.isRegularFile(jar), message);
        }
        Map<String, String> withConsul = Map.of("FLEET_CONSUL_URL", consul.toString());
        catalog = AppJar.start("catalog-service", "extracted-services/catalog-service", "catalog-service", withConsul);
        closing.add(catalog);
        // the static catalog URL is only used before Consul first answers (docs/discovery.md); it is the same instance
        Map<String, String> pricingEnv = Map.of("FLEET_CONSUL_URL", consul.toString(), "FLEET_CATALOG_URL", catalog.url(""));
        pricing1 = AppJar.start("pricing-service-1", "extracted-services/pricing-service", "pricing-service", pricingEnv);
        closing.add(pricing1);
        pricing2 = AppJar.start("pricing-service-2", "extracted-services/pricing-service", "pricing-service", pricingEnv);
        closing.add(pricing2);
        for (AppJar app : List.of(catalog, pricing1, pricing2)) {
            app.awaitHealthy(START);
        }

        // Consul only: an empty static table
        turbine = TurbineMain.start(new TurbineConfig("127.0.0.1", 0, consul.toString(), "hystrix", Duration.ofMillis(500),
                Map.of(), Duration.ofSeconds(3), Duration.ofMillis(500), Duration.ofSeconds(1)));
        closing.add(turbine);
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    @Test
    @Order(1)
    void turbineReadsTheInstancesTheAppsRegisteredThemselves() throws Exception {
        await(START, "Turbine reads the three registered instances at their admin ports", () ->
                streamsOf("catalog-service").equals(List.of(catalog.stream().toString()))
                        && streamsOf("pricing-service").containsAll(List.of(pricing1.stream().toString(), pricing2.stream().toString()))
                        && streamsOf("pricing-service").size() == 2);
        assertThat(turbineJson("/clusters").path("clusters").toString())
                .contains("\"fleet\"", "\"catalog-service\"", "\"pricing-service\"");

        StreamWatcher fleet = watch("fleet");
        StreamWatcher pricing = watch("pricing-service");
        // warm up (a cold JVM's first calls may exceed the Hystrix timeout), then let those calls roll out of the
        // 10 s window so that exactly the calls below are counted. Rolling counts show ~1 s late: first see the
        // warm-up counted, else a 0 from before it would pass for "rolled out".
        for (AppJar instance : List.of(pricing1, pricing2)) {
            await(WAIT, instance.name() + " quotes", () -> Get.statusOrMinusOne(quote(instance)) == 200);
        }
        await(WAIT, "the warm-up calls counted on both hosts", () -> fleet.number("findCar", "reportingHosts") == 2
                && fleet.number("findCar", "requestCount") > 0 && pricing.number("findCar", "requestCount") > 0);
        await(WAIT, "the warm-up calls rolled out of the window", () -> fleet.number("findCar", "requestCount") == 0
                && pricing.number("findCar", "requestCount") == 0);
        for (int i = 0; i < 5; i++) {
            assertThat(Get.status(quote(pricing1))).isEqualTo(200);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(Get.status(quote(pricing2))).isEqualTo(200);
        }

        awaitFindCar(fleet, "fleet: findCar summed over both pricing-service instances", 2, 8);
        awaitFindCar(pricing, "pricing-service: the same two hosts", 2, 8);
    }

    @Test
    @Order(2)
    void aGracefullyStoppedInstanceDeregistersAndLeavesTheSumsWhileTheStreamFlows() throws Exception {
        StreamWatcher fleet = watch("fleet");
        StreamWatcher pricing = watch("pricing-service");
        try (Traffic traffic = new Traffic()) {
            await(WAIT, "both pricing-service instances report findCar", () -> fleet.number("findCar", "reportingHosts") == 2
                    && pricing.number("findCar", "reportingHosts") == 2);

            pricing2.stop();   // SIGTERM: deregisters at the start of the stop

            List<String> registered = new ArrayList<>();
            consulJson("/v1/health/service/pricing-service?passing").forEach(entry -> registered.add(entry.path("Service").path("ID").asText()));
            assertThat(registered).as("pricing-service in Consul after the stop").containsExactly(pricing1Id());
            await(WAIT, "Turbine no longer reads the deregistered instance", () ->
                    streamsOf("pricing-service").equals(List.of(pricing1.stream().toString())));
            await(WAIT, "the stopped instance left the sums", () -> fleet.number("findCar", "reportingHosts") == 1
                    && pricing.number("findCar", "reportingHosts") == 1);
            long events = fleet.events.get();
            await(WAIT, "events keep coming from the remaining instance", () -> fleet.events.get() > events + 10
                    && fleet.number("findCar", "requestCount") > 0);
        }
    }

    /** Waits for findCar's reportingHosts and requestCount; a failure shows the last message seen. */
    private static void awaitFindCar(StreamWatcher watcher, String what, long hosts, long requests) {
        try {
            await(WAIT, what, () -> watcher.number("findCar", "reportingHosts") == hosts
                    && watcher.number("findCar", "requestCount") == requests);
        } catch (AssertionError e) {
            Map<String, Object> last = watcher.command("findCar");
            throw new AssertionError(e.getMessage() + "; expected reportingHosts " + hosts + ", requestCount " + requests
                    + ", last: " + (last == null ? null : "reportingHosts " + last.get("reportingHosts") + ", requestCount "
                    + last.get("requestCount") + ", errorCount " + last.get("errorCount")), e);
        }
    }

    private static String pricing1Id() {
        return "pricing-service-127.0.0.1-" + URI.create(pricing1.url("")).getPort();   // docs/discovery.md: <service>-<address>-<port>
    }

    /** The stream URLs Turbine reads now for {@code app} (its {@code /instances}). */
    private static List<String> streamsOf(String app) {
        try {
            List<String> streams = new ArrayList<>();
            for (JsonNode instance : turbineJson("/instances").path("instances")) {
                if (app.equals(instance.path("app").asText())) {
                    streams.add(instance.path("stream").asText());
                }
            }
            return streams;
        } catch (Exception e) {
            return List.of();
        }
    }

    private static JsonNode turbineJson(String path) throws Exception {
        return json(URI.create("http://127.0.0.1:" + turbine.port() + path));
    }

    private static JsonNode consulJson(String path) throws Exception {
        return json(consul.resolve(path));
    }

    private static JsonNode json(URI uri) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String quote(AppJar pricing) {
        LocalDate from = LocalDate.now().plusDays(10);
        return pricing.url("/api/quotes?carId=" + CAR + "&from=" + from + "&to=" + from.plusDays(3));
    }

    private static StreamWatcher watch(String cluster) throws Exception {
        StreamWatcher watcher = new StreamWatcher(URI.create("http://127.0.0.1:" + turbine.port() + "/turbine.stream?cluster=" + cluster));
        closing.add(watcher);
        return watcher;
    }

    /** Quotes on both pricing-service instances every 100 ms until closed; answers unchecked (one instance stops). */
    private static final class Traffic implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this::run, "traffic");

        Traffic() {
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            while (running.get()) {
                for (AppJar pricing : List.of(pricing1, pricing2)) {
                    Get.statusOrMinusOne(quote(pricing));
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(5000);
        }
    }
}
