package dev.fleet.edge;

import static dev.fleet.edge.EdgeClient.await;
import static dev.fleet.edge.EdgeClient.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strangler routing through a real edge to real HTTP origins; weights from the live routes file. */
class EdgeRoutingTest {
    @TempDir
    static Path dir;
    static Path routesFile;
    static Backend monolith;
    static Backend catalog;
    static EdgeServer edge;

    @BeforeAll
    static void start() throws Exception {
        monolith = new Backend("monolith");
        catalog = new Backend("catalog-service");
        routesFile = dir.resolve("routes.properties");
        Map<String, String> o = new HashMap<>();
        o.put("edge.port", "0");
        o.put("edge.adminPort", "0");
        o.put("edge.shutdownSeconds", "1");
        o.put("edge.origins.monolith", monolith.address());
        o.put("edge.origins.catalog-service", catalog.address());
        o.put("edge.routesFile", routesFile.toString());
        o.put("edge.routesReloadMs", "100");
        o.put("edge.rateLimit.capacity", "1000000");
        o.put("edge.rateLimit.refillPerSecond", "1000000");
        edge = new EdgeServer(EdgeSettings.load(Map.of(), o)).start();
    }

    @AfterAll
    static void stop() {
        edge.close();
        monolith.close();
        catalog.close();
    }

    @BeforeEach
    void resetWeight() throws Exception {
        setCarsWeight("0");
    }

    static void setCarsWeight(String weight) throws Exception {
        Files.writeString(routesFile, "route.cars.prefix=/api/cars\nroute.cars.service=catalog-service\n"
                + "route.cars.weight=" + weight + "\n");
        await("cars weight " + weight, 10, () -> String.valueOf(edge.routes().table().match("/api/cars").weight())
                .equals(weight));
    }

    static String originFor(String client, String... extra) throws Exception {
        String[] headers = new String[2 + extra.length];
        headers[0] = "X-Api-Key";
        headers[1] = client;
        System.arraycopy(extra, 0, headers, 2, extra.length);
        HttpResponse<String> r = get(edge.port(), "/api/cars", headers);
        assertThat(r.statusCode()).isEqualTo(200);
        String origin = r.headers().firstValue("X-Fleet-Origin").orElseThrow();
        assertThat(r.body()).contains("\"app\":\"" + origin + "\"");
        return origin;
    }

    @Test
    void weight30Over2000DistinctClientsSendsThirtyPercentToTheService() throws Exception {
        setCarsWeight("30");
        int service = 0;
        for (int i = 0; i < 2000; i++) {
            if (originFor("client-" + i).equals("catalog-service")) {
                service++;
            }
        }
        assertThat(service / 2000.0).isBetween(0.26, 0.34);
    }

    @Test
    void weights0And100AreExact() throws Exception {
        for (int i = 0; i < 200; i++) {
            assertThat(originFor("c0-" + i)).isEqualTo("monolith");
        }
        setCarsWeight("100");
        for (int i = 0; i < 200; i++) {
            assertThat(originFor("c100-" + i)).isEqualTo("catalog-service");
        }
    }

    @Test
    void aClientAlwaysLandsOnTheSameSide() throws Exception {
        setCarsWeight("50");
        int services = 0;
        for (int c = 0; c < 20; c++) {
            String first = originFor("sticky-" + c);
            services += first.equals("catalog-service") ? 1 : 0;
            for (int i = 0; i < 10; i++) {
                assertThat(originFor("sticky-" + c)).isEqualTo(first);
            }
        }
        assertThat(services).isBetween(1, 19); // both sides are in use, yet no client flips
        // without a key the client address decides, and stays put too
        String byAddress = get(edge.port(), "/api/cars").headers().firstValue("X-Fleet-Origin").orElseThrow();
        for (int i = 0; i < 10; i++) {
            assertThat(get(edge.port(), "/api/cars").headers().firstValue("X-Fleet-Origin")).contains(byAddress);
        }
    }

    @Test
    void theOverrideHeaderPicksTheSide() throws Exception {
        setCarsWeight("0");
        assertThat(originFor("o1", "X-Fleet-Route", "service")).isEqualTo("catalog-service");
        setCarsWeight("100");
        assertThat(originFor("o1", "X-Fleet-Route", "monolith")).isEqualTo("monolith");
        assertThat(get(edge.port(), "/api/cars", "X-Fleet-Route", "elsewhere").statusCode()).isEqualTo(400);
        // a route without a service always goes to the monolith
        assertThat(get(edge.port(), "/api/customers", "X-Fleet-Route", "service").headers()
                .firstValue("X-Fleet-Origin")).contains("monolith");
    }

    @Test
    void aWeightChangedInTheFileAppliesWithoutRestart() throws Exception {
        assertThat(originFor("live")).isEqualTo("monolith");
        Files.writeString(routesFile, "route.cars.prefix=/api/cars\nroute.cars.service=catalog-service\n"
                + "route.cars.weight=100\n");
        await("traffic moves to the service", 10, () -> {
            try {
                return originFor("live").equals("catalog-service");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void anInvalidTableIsRejectedAndTheLastGoodOneStays() throws Exception {
        setCarsWeight("100");
        double rejected = edge.registry().counter("edge.routes.rejected").count();
        Files.writeString(routesFile, "route.cars.prefix=/api/cars\nroute.cars.service=catalog-service\n"
                + "route.cars.weight=150\n");
        await("rejection counted", 10, () -> edge.registry().counter("edge.routes.rejected").count() > rejected);
        assertThat(edge.routes().lastError()).contains("weight must be 0-100");
        assertThat(edge.routes().table().match("/api/cars").weight()).isEqualTo(100);
        assertThat(originFor("after-reject")).isEqualTo("catalog-service");
        JsonNode routes = EdgeState.JSON.readTree(get(edge.adminPort(), "/routes").body());
        assertThat(routes.get("lastRejected").asText()).contains("weight must be 0-100");
    }

    @Test
    void everyResponseNamesItsOriginAndCarriesTheRequestId() throws Exception {
        HttpResponse<String> r = get(edge.port(), "/ping", "X-Request-Id", "req-123");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Fleet-Origin")).contains("monolith");
        assertThat(r.headers().firstValue("X-Request-Id")).contains("req-123");
        assertThat(monolith.lastHeaders().get("X-request-id")).containsExactly("req-123");
        // internal headers of the origin do not leave the edge
        assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("x-zuul")
                || h.toLowerCase().startsWith("x-fleet-internal"));

        HttpResponse<String> fresh = get(edge.port(), "/hello");
        assertThat(fresh.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));

        HttpResponse<String> notFound = get(edge.port(), "/nowhere");
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(notFound.headers().firstValue("X-Fleet-Origin")).contains("edge");
        JsonNode err = EdgeState.JSON.readTree(notFound.body());
        assertThat(err.get("code").asInt()).isEqualTo(404);
        assertThat(err.get("requestId").asText()).isEqualTo(notFound.headers().firstValue("X-Request-Id").get());
    }

    @Test
    void theAdminPortServesHealthRoutesAndMetrics() throws Exception {
        assertThat(get(edge.adminPort(), "/health").statusCode()).isEqualTo(200);
        JsonNode routes = EdgeState.JSON.readTree(get(edge.adminPort(), "/routes").body());
        assertThat(routes.get("routes").findValuesAsText("prefix")).contains("/api/cars", "/ping", "/hello");
        assertThat(routes.get("origins").get("monolith").get(0).asText()).isEqualTo(monolith.address());
        get(edge.port(), "/ping");
        String metrics = get(edge.adminPort(), "/metrics").body();
        assertThat(metrics).contains("# TYPE edge_responses untyped").contains("edge_responses{");
        assertThat(get(edge.adminPort(), "/nope").statusCode()).isEqualTo(404);
    }
}
