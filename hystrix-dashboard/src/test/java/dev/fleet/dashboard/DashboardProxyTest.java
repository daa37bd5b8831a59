package dev.fleet.dashboard;

import com.sun.net.httpserver.HttpServer;
import dev.fleet.turbine.FakeHystrixStream;
import dev.fleet.turbine.TurbineConfig;
import dev.fleet.turbine.TurbineMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard app against a real Turbine reading a fake instance: allowed origins stream, everything else is a
 * 403 JSON error and never reached; the landing page links the clusters and instances; the UI is served.
 */
class DashboardProxyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FakeHystrixStream instance;
    private static TurbineMain turbine;
    private static DashboardServer dashboard;
    /** A loopback server that is on no list: the proxy must never call it. */
    private static HttpServer bystander;
    private static final AtomicInteger bystanderHits = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        instance = new FakeHystrixStream().command("cars", 10);
        turbine = TurbineMain.start(new TurbineConfig("127.0.0.1", 0, "none", "hystrix", Duration.ofSeconds(5),
                Map.of("catalog-service", List.of(instance.uri())), Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMillis(500)));
        dashboard = new DashboardServer(URI.create("http://127.0.0.1:" + turbine.port()), Duration.ofMillis(200), "127.0.0.1", 0).start();
        bystander = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 5);
        bystander.createContext("/", exchange -> {
            bystanderHits.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        bystander.start();
    }

    @AfterAll
    static void stop() {
        dashboard.close();
        turbine.close();
        instance.close();
        bystander.stop(0);
    }

    private static String dashboard(String pathAndQuery) {
        return "http://127.0.0.1:" + dashboard.port() + pathAndQuery;
    }

    /** The first {@code data:} line of the proxied stream (the UI's request: origin not encoded). */
    private static String firstEvent(String origin) throws Exception {
        HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(dashboard("/hystrix/proxy.stream?origin=" + origin))).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data:") && line.contains("\"HystrixCommand\"")) {
                    return line;
                }
            }
        }
        throw new AssertionError("the stream ended without a command event");
    }

    @Test
    void turbineClusterStreamIsProxied() throws Exception {
        String event = firstEvent("http://127.0.0.1:" + turbine.port() + "/turbine.stream?cluster=fleet");
        assertThat(event).contains("\"name\":\"cars\"", "\"reportingHosts\":1");
    }

    @Test
    void anInstanceTurbineReadsIsProxied() throws Exception {
        String event = firstEvent(instance.uri().toString());
        assertThat(event).contains("\"name\":\"cars\"", "\"requestCount\":10");
    }

    @Test
    void anEncodedOriginWorksToo() throws Exception {
        String event = firstEvent(URLEncoder.encode("http://127.0.0.1:" + turbine.port() + "/turbine.stream?cluster=catalog-service", StandardCharsets.UTF_8));
        assertThat(event).contains("\"name\":\"cars\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://example.com/hystrix.stream",                       // foreign host
            "file:///etc/passwd",                                      // other scheme
            "ftp://127.0.0.1/hystrix.stream",
            "https://127.0.0.1:TURBINE/turbine.stream?cluster=fleet",  // https where Turbine speaks http
            "http://127.0.0.1:BYSTANDER/hystrix.stream",               // a loopback port on no list
            "http://127.0.0.1:BYSTANDER/turbine.stream?cluster=fleet",
            "http://127.0.0.1:TURBINE/clusters",                       // Turbine, but not its stream
            "http://127.0.0.1:TURBINE/turbine.stream",                 // no cluster
            "http://127.0.0.1:TURBINE/turbine.stream?cluster=fleet&x=1",
            "http://127.0.0.1:TURBINE@127.0.0.1:BYSTANDER/turbine.stream?cluster=fleet", // user-info trick
            "http://localhost:INSTANCE/hystrix.stream",                // same port, other host name
            "http://127.0.0.1:INSTANCE/hystrix.stream/../admin",
            "http://[::1]:BYSTANDER/hystrix.stream",
            "not a url",
    })
    void anythingElseIsRefusedWithoutBeingCalled(String template) throws Exception {
        String origin = template.replace("TURBINE", String.valueOf(turbine.port()))
                .replace("BYSTANDER", String.valueOf(bystander.getAddress().getPort()))
                .replace("INSTANCE", String.valueOf(instance.port()));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(dashboard("/proxy.stream?origin="
                + URLEncoder.encode(origin, StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(response.body()).contains("\"code\":403", "origin not allowed", "\"errors\":[\"origin: ");
        assertThat(bystanderHits.get()).isZero();
    }

    @Test
    void missingOriginIsABadRequest() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(dashboard("/hystrix/proxy.stream"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":400", "the origin parameter is required");
    }

    @Test
    void landingPageLinksTheFleetClusterEachApplicationAndEachInstance() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(dashboard("/"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String turbineStream = "http%3A%2F%2F127.0.0.1%3A" + turbine.port() + "%2Fturbine.stream%3Fcluster%3D";
        assertThat(page.body())
                .contains("/hystrix/monitor/monitor.html?stream=" + turbineStream + "fleet&amp;title=fleet")
                .contains("/hystrix/monitor/monitor.html?stream=" + turbineStream + "catalog-service&amp;title=catalog-service")
                .contains("/hystrix/monitor/monitor.html?stream=" + URLEncoder.encode(instance.uri().toString(), StandardCharsets.UTF_8))
                .doesNotContain("does not answer");
    }

    @Test
    void theNetflixUiIsServedAndNothingOutsideIt() throws Exception {
        HttpResponse<String> monitor = HTTP.send(HttpRequest.newBuilder(URI.create(dashboard("/hystrix/monitor/monitor.html"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(monitor.statusCode()).isEqualTo(200);
        assertThat(monitor.body()).contains("../proxy.stream?origin=").doesNotContain("cdnjs");
        HttpResponse<String> underscore = HTTP.send(HttpRequest.newBuilder(URI.create(dashboard(
                "/hystrix/vendor/META-INF/resources/webjars/underscorejs/1.8.3/underscore-min.js"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(underscore.statusCode()).isEqualTo(200);
        assertThat(underscore.body()).contains("Underscore.js 1.8.3");
        HttpResponse<String> script = HTTP.send(HttpRequest.newBuilder(URI.create(dashboard("/hystrix/components/hystrixCommand/hystrixCommand.js"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).contains("application/javascript");

        for (String path : List.of("/hystrix/../dev/fleet/dashboard/DashboardServer.class", "/hystrix/%2e%2e/dev/fleet/dashboard/DashboardServer.class",
                "/hystrix/WEB-INF/web.xml", "/etc/passwd")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(dashboard(path))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("\"code\":404");
        }
    }
}
