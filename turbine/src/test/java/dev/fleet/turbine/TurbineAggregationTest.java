package dev.fleet.turbine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.fleet.turbine.StreamWatcher.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Turbine (static table) over fake Hystrix streams: sums, clusters, dropping dead instances, heartbeats, errors. */
class TurbineAggregationTest {
    private static final Duration INSTANCE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    private TurbineMain turbine(Map<String, List<URI>> table) throws IOException {
        return closing(TurbineMain.start(new TurbineConfig("127.0.0.1", 0, "none", "hystrix", Duration.ofSeconds(5),
                table, INSTANCE_TIMEOUT, Duration.ofMillis(200), Duration.ofMillis(300))));
    }

    private StreamWatcher watch(TurbineMain turbine, String cluster) throws IOException {
        return closing(new StreamWatcher(URI.create("http://127.0.0.1:" + turbine.port() + "/turbine.stream?cluster=" + cluster)));
    }

    private static int poolHosts(StreamWatcher watcher, String pool) {
        Map<String, Object> message = watcher.latest.get("HystrixThreadPool/" + pool);
        return message == null ? 0 : ((Number) message.get("reportingHosts")).intValue();
    }

    @Test
    void fleetClusterSumsEveryInstanceAndAppClusterOnlyItsOwn() throws Exception {
        FakeHystrixStream catalog1 = closing(new FakeHystrixStream().command("cars", 10));
        FakeHystrixStream catalog2 = closing(new FakeHystrixStream().command("cars", 20));
        FakeHystrixStream monolith = closing(new FakeHystrixStream().command("cars", 5).command("quote", 7));
        Map<String, List<URI>> table = new LinkedHashMap<>();
        table.put("catalog-service", List.of(catalog1.uri(), catalog2.uri()));
        table.put("monolith", List.of(monolith.uri()));
        TurbineMain turbine = turbine(table);

        StreamWatcher fleet = watch(turbine, "fleet");
        StreamWatcher catalog = watch(turbine, "catalog-service");

        // command and thread-pool messages are separate events: wait until both carry all 3 hosts
        await(WAIT, "fleet: cars and its pool summed over 3 hosts", () ->
                fleet.number("cars", "reportingHosts") == 3 && fleet.number("cars", "requestCount") == 35
                        && poolHosts(fleet, "catalog") == 3);
        assertThat(fleet.number("cars", "rollingCountSuccess")).isEqualTo(9 + 18 + 5);
        assertThat(fleet.number("quote", "reportingHosts")).isEqualTo(1);
        assertThat(fleet.number("quote", "requestCount")).isEqualTo(7);
        // numbers the dashboard divides by reportingHosts are sums too
        assertThat(fleet.number("cars", "latencyExecute_mean")).isEqualTo(3 * 4);
        // percentiles too (the dashboard shows latencyExecute[p] / reportingHosts)
        assertThat(fleet.command("cars").get("latencyExecute")).isEqualTo(
                Map.of("0", 3, "25", 6, "50", 12, "75", 15, "90", 21, "95", 24, "99", 27, "99.5", 27, "100", 36));
        // the shape the dashboard reads: open circuits counted, agreed values as JSON literals
        assertThat(fleet.command("cars").get("isCircuitBreakerOpen")).isEqualTo(0);
        assertThat(fleet.command("cars").get("propertyValue_circuitBreakerForceOpen")).isEqualTo(false);
        assertThat(fleet.command("cars").get("propertyValue_metricsRollingStatisticalWindowInMilliseconds")).isEqualTo(10000);
        assertThat(fleet.command("cars").get("group")).isEqualTo("catalog");
        // the dashboard divides these two thread-pool properties by reportingHosts (Turbine 1 summed them)
        Map<String, Object> pool = fleet.latest.get("HystrixThreadPool/catalog");
        assertThat(pool.get("reportingHosts")).isEqualTo(3);
        assertThat(pool.get("propertyValue_metricsRollingStatisticalWindowInMilliseconds")).isEqualTo(3 * 10000);
        assertThat(pool.get("rollingCountThreadsExecuted")).isEqualTo(3 * 7);

        await(WAIT, "catalog-service: cars over its 2 hosts", () ->
                catalog.number("cars", "reportingHosts") == 2 && catalog.number("cars", "requestCount") == 30);
        assertThat(catalog.command("quote")).as("the monolith's command is not in catalog-service").isNull();
    }

    @Test
    void aKilledInstanceIsDroppedWhileTheStreamKeepsFlowing() throws Exception {
        FakeHystrixStream one = closing(new FakeHystrixStream().command("cars", 10));
        FakeHystrixStream two = closing(new FakeHystrixStream().command("cars", 20));
        TurbineMain turbine = turbine(Map.of("catalog-service", List.of(one.uri(), two.uri())));
        StreamWatcher fleet = watch(turbine, "fleet");
        await(WAIT, "both hosts", () -> fleet.number("cars", "reportingHosts") == 2);

        two.close();

        await(WAIT, "the killed host's share taken back", () ->
                fleet.number("cars", "reportingHosts") == 1 && fleet.number("cars", "requestCount") == 10);
        long events = fleet.events.get();
        await(WAIT, "events keep coming from the live host", () -> fleet.events.get() > events + 5);
        assertThat(fleet.number("cars", "requestCount")).isEqualTo(10);
    }

    @Test
    void aSilentInstanceIsDroppedAfterTheInstanceTimeoutAndTheOtherKeepsStreaming() throws Exception {
        FakeHystrixStream live = closing(new FakeHystrixStream().command("cars", 10));
        FakeHystrixStream frozen = closing(new FakeHystrixStream().command("cars", 20));
        TurbineMain turbine = turbine(Map.of("catalog-service", List.of(live.uri(), frozen.uri())));
        StreamWatcher fleet = watch(turbine, "fleet");
        await(WAIT, "both hosts", () -> fleet.number("cars", "reportingHosts") == 2);

        long frozenAt = System.nanoTime();
        frozen.hang();

        await(WAIT, "the silent host dropped", () -> fleet.number("cars", "reportingHosts") == 1);
        Duration took = Duration.ofNanos(System.nanoTime() - frozenAt);
        assertThat(took).as("dropped after about instanceTimeout (1 s)").isBetween(Duration.ofMillis(800), Duration.ofSeconds(5));
        assertThat(fleet.number("cars", "requestCount")).isEqualTo(10);
        long events = fleet.events.get();
        await(WAIT, "events keep coming", () -> fleet.events.get() > events + 5);
    }

    @Test
    void aRestartedInstanceIsCountedAgain() throws Exception {
        FakeHystrixStream one = closing(new FakeHystrixStream().command("cars", 10));
        FakeHystrixStream two = closing(new FakeHystrixStream().command("cars", 20));
        TurbineMain turbine = turbine(Map.of("catalog-service", List.of(one.uri(), two.uri())));
        StreamWatcher fleet = watch(turbine, "fleet");
        await(WAIT, "both hosts", () -> fleet.number("cars", "reportingHosts") == 2);
        two.hang();
        await(WAIT, "the silent host dropped", () -> fleet.number("cars", "reportingHosts") == 1);

        two.resume();

        await(WAIT, "back after reconnecting", () ->
                fleet.number("cars", "reportingHosts") == 2 && fleet.number("cars", "requestCount") == 30);
    }

    @Test
    void openCircuitsAreCountedPerInstance() throws Exception {
        FakeHystrixStream one = closing(new FakeHystrixStream().command("cars", 10));
        FakeHystrixStream two = closing(new FakeHystrixStream().command("cars", 20));
        TurbineMain turbine = turbine(Map.of("catalog-service", List.of(one.uri(), two.uri())));
        StreamWatcher fleet = watch(turbine, "fleet");
        await(WAIT, "both closed", () -> fleet.number("cars", "reportingHosts") == 2
                && Integer.valueOf(0).equals(fleet.command("cars").get("isCircuitBreakerOpen")));

        one.openCircuit();
        await(WAIT, "one open, one closed (the dashboard shows Open:1,Closed:1)", () ->
                "false:1,true:1".equals(fleet.command("cars").get("isCircuitBreakerOpen")));

        two.openCircuit();
        await(WAIT, "open on every host (= reportingHosts: the dashboard shows Open)", () ->
                Integer.valueOf(2).equals(fleet.command("cars").get("isCircuitBreakerOpen")));
    }

    @Test
    void heartbeatsWhenNoInstanceSendsAnything() throws Exception {
        // an application in the table whose only instance does not answer
        TurbineMain turbine = turbine(Map.of("billing-service", List.of(URI.create("http://127.0.0.1:9/hystrix.stream"))));
        StreamWatcher billing = watch(turbine, "billing-service");

        await(WAIT, "3 pings", () -> billing.pings.get() >= 3);
        assertThat(billing.events.get()).isZero();
    }

    @Test
    void unknownOrMissingClusterIsAJsonError() throws Exception {
        TurbineMain turbine = turbine(Map.of("monolith", List.of(URI.create("http://127.0.0.1:9/hystrix.stream"))));
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + turbine.port() + "/turbine.stream?cluster=nope")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(unknown.body()).contains("\"code\":404", "unknown cluster: nope", "\"errors\":[", "fleet", "monolith");

        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + turbine.port() + "/turbine.stream")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"code\":400", "cluster parameter is required");

        HttpResponse<String> clusters = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + turbine.port() + "/clusters")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(clusters.statusCode()).isEqualTo(200);
        assertThat(clusters.body()).isEqualTo("{\"clusters\":[\"fleet\",\"monolith\"]}");

        HttpResponse<String> instances = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + turbine.port() + "/instances")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(instances.body()).contains("\"stream\":\"http://127.0.0.1:9/hystrix.stream\"", "\"app\":\"monolith\"");
    }

    @Test
    void instancesAreReadOnlyWhileSomeoneWatches() throws Exception {
        FakeHystrixStream one = closing(new FakeHystrixStream().command("cars", 10));
        TurbineMain turbine = turbine(Map.of("catalog-service", List.of(one.uri())));
        assertThat(one.openStreams()).isZero();

        StreamWatcher first = watch(turbine, "fleet");
        StreamWatcher second = watch(turbine, "fleet");
        await(WAIT, "both watchers get data", () -> first.events.get() > 0 && second.events.get() > 0);
        assertThat(one.openStreams()).as("one shared read per cluster").isEqualTo(1);

        first.close();
        second.close();
        await(WAIT, "the instance's stream closed", () -> one.openStreams() == 0);
    }
}
