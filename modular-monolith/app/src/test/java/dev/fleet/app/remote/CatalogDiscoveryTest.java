package dev.fleet.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.platform.discovery.ConsulServiceDirectory;
import dev.fleet.platform.discovery.DiscoveryBundle;
import dev.fleet.platform.testing.AppProcess;
import dev.fleet.platform.testing.Poll;
import dev.fleet.platform.testing.TestConsul;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.catalog.CatalogServiceApplication;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.model.health.HealthCheck;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith in catalog remote mode finds catalog-service through Consul (the real agent of {@link TestConsul}):
 * two catalog-service instances, each in its OWN JVM ({@link AppProcess}: a real SIGTERM and a real kill, and no
 * Hystrix reset in the test JVM), on one shared H2 file database (AUTO_SERVER). Reads spread over both; a graceful stop
 * of one while a reader loops costs zero failed reads and removes it from Consul; a killed one turns critical, gets
 * no more calls, and reads keep succeeding. The tests run in order and share the instances.
 */
@Tag("consul")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogDiscoveryTest {
    static final String CAR = "0345391802";   // seeded by the catalog changelog
    static final String SERVICE = "catalog-service";
    static final Duration SOON = Duration.ofSeconds(30);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static final TestDatabase MONOLITH_DB = TestDatabase.create();

    @RegisterExtension
    static final DropwizardAppExtension<FleetConfiguration> MONOLITH = Monolith.app(MONOLITH_DB,
            ConfigOverride.config("catalog.mode", "remote"),
            ConfigOverride.config("consul.url", () -> TestConsul.url().toString()),
            // nothing listens there: before Consul answers the static entry must not find an instance by chance
            ConfigOverride.config("remote.services.catalog", "http://127.0.0.1:1"),
            ConfigOverride.config("remote.client.timeout", "5s"),
            ConfigOverride.config("remote.hystrix.executionTimeout", "10s"));

    static Path dataDir;
    static Consul consul;
    static AppProcess first;
    static AppProcess second;
    static AppProcess third;

    @BeforeAll
    static void startTwoCatalogServices() throws IOException {
        consul = Consul.builder().withUrl(TestConsul.url().toString()).build();
        dataDir = Files.createTempDirectory("fleet-catalog-discovery");
        first = catalogService("catalog-1");     // migrates the shared database
        second = catalogService("catalog-2");
    }

    @AfterAll
    static void stopAll() throws IOException {
        for (AppProcess app : new AppProcess[]{first, second, third}) {
            if (app != null) {
                app.stop();
                app.close();
            }
        }
        if (consul != null) {
            consul.destroy();
        }
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    static AppProcess catalogService(String name) {
        String db = "jdbc:h2:file:" + dataDir.resolve("catalog").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000";
        String url = TestDatabase.postgresRequested() ? System.getenv(TestDatabase.POSTGRES_ENV) : db;
        return AppProcess.start(name, CatalogServiceApplication.class.getName(),
                Path.of("../../extracted-services/catalog-service/config.yml"),
                Map.of("FLEET_CONSUL_URL", TestConsul.url().toString(),
                        "FLEET_DB_URL", url,
                        "FLEET_LOG_LEVEL", "WARN"),
                Duration.ofSeconds(90));
    }

    static ConsulServiceDirectory directory() {
        return DiscoveryBundle.directory(MONOLITH.getEnvironment()).orElseThrow();
    }

    static List<URI> instances() {
        return directory().instances(SERVICE);
    }

    static URI uriOf(AppProcess app) {
        return URI.create("http://127.0.0.1:" + app.port());
    }

    /** GET requests the instance's application connector served (its Jetty request timer). */
    static long getRequests(AppProcess app) throws Exception {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(app.admin("/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode timer = Monolith.parse(metrics.body()).path("timers").path("io.dropwizard.jetty.MutableServletContextHandler.get-requests");
        assertThat(timer.isMissingNode()).as("request timer in " + metrics.body().substring(0, Math.min(300, metrics.body().length()))).isFalse();
        return timer.get("count").asLong();
    }

    static HttpResponse<String> read() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MONOLITH.getLocalPort() + "/api/cars/" + CAR))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads in a loop on its own thread until closed, collecting every answer that was not a 200 with the car. */
    static final class Reader implements AutoCloseable {
        final AtomicInteger ok = new AtomicInteger();
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread thread = new Thread(this::loop, "catalog-reader");

        Reader() {
            thread.start();
        }

        private void loop() {
            while (running.get()) {
                try {
                    HttpResponse<String> response = read();
                    if (response.statusCode() == 200 && response.body().contains(CAR)) {
                        ok.incrementAndGet();
                    } else {
                        failures.add(response.statusCode() + " " + response.body());
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }
    }

    private static boolean registered(AppProcess app) {
        return consul.healthClient().getAllServiceInstances(SERVICE).getResponse().stream()
                .anyMatch(health -> health.getService().getPort() == app.port());
    }

    private static String checkStatus(AppProcess app) {
        return consul.healthClient().getAllServiceInstances(SERVICE).getResponse().stream()
                .filter(health -> health.getService().getPort() == app.port())
                .flatMap(health -> health.getChecks().stream())
                .filter(check -> !check.getServiceId().orElse("").isEmpty())   // not the node's serfHealth
                .map(HealthCheck::getStatus).findFirst().orElse("absent");
    }

    @Test
    @Order(1)
    void readsSpreadOverBothInstances() throws Exception {
        Poll.until(SOON, () -> "the monolith to see both catalog-service instances, sees " + instances(),
                () -> instances().size() == 2);
        assertThat(instances()).containsExactlyInAnyOrder(uriOf(first), uriOf(second));
        long firstBefore = getRequests(first);
        long secondBefore = getRequests(second);

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> response = read();
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        assertThat(getRequests(first) - firstBefore).as("reads served by catalog-1").isEqualTo(10);
        assertThat(getRequests(second) - secondBefore).as("reads served by catalog-2").isEqualTo(10);
    }

    @Test
    @Order(2)
    void aGracefulStopWhileReadingCostsNoReadAndLeavesConsul() throws Exception {
        Poll.until(SOON, "both instances", () -> instances().size() == 2);
        try (Reader reader = new Reader()) {
            Poll.until(SOON, "the reader to get going", () -> reader.ok.get() >= 20);

            assertThat(second.stop()).as("catalog-2 exits after SIGTERM").isNotEqualTo(-1);

            assertThat(registered(second)).as("catalog-2 deregistered itself").isFalse();
            Poll.until(SOON, () -> "the monolith to drop catalog-2, sees " + instances(), () -> instances().size() == 1);
            int afterStop = reader.ok.get();
            Poll.until(SOON, "more reads after the stop", () -> reader.ok.get() >= afterStop + 20);
            reader.close();
            assertThat(reader.failures).as("failed reads during the graceful stop").isEmpty();
        }
        assertThat(instances()).containsExactly(uriOf(first));
    }

    @Test
    @Order(3)
    void aKilledInstanceTurnsCriticalAndGetsNoMoreCallsWhileReadsKeepSucceeding() throws Exception {
        third = catalogService("catalog-3");
        Poll.until(SOON, () -> "the monolith to see catalog-3, sees " + instances(), () -> instances().size() == 2);

        try (Reader reader = new Reader()) {
            Poll.until(SOON, "the reader to get going", () -> reader.ok.get() >= 20);

            third.kill();   // no deregistration: only its health check can tell

            Poll.until(Duration.ofSeconds(15), () -> "catalog-3's check to turn critical, is " + checkStatus(third),
                    () -> "critical".equals(checkStatus(third)));
            Poll.until(SOON, () -> "the monolith to drop catalog-3, sees " + instances(), () -> instances().size() == 1);
            assertThat(instances()).containsExactly(uriOf(first));

            long firstBefore = getRequests(first);
            int okBefore = reader.ok.get();
            Poll.until(SOON, "more reads after the kill", () -> reader.ok.get() >= okBefore + 20);
            reader.close();
            int reads = reader.ok.get() - okBefore;
            // every read since catalog-3 left the directory went to catalog-1 directly (one GET each: no retries)
            assertThat(getRequests(first) - firstBefore).isBetween((long) reads, (long) reads + 1);
            assertThat(reader.failures).as("failed reads around the kill (a refused connection is retried on catalog-1)").isEmpty();
        }
    }
}
