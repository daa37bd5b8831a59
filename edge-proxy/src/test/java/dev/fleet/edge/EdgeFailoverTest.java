package dev.fleet.edge;

import static dev.fleet.edge.EdgeClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Origin failures: one retry of idempotent requests on another instance, never of writes; JSON 502/503/504. */
class EdgeFailoverTest {
    static final String KEY = "failover-key";
    static Backend monolith;
    static Backend catalogA;
    static Backend catalogB;
    static BrokenBackend resetA;
    static BrokenBackend resetB;
    static BrokenBackend hanging;
    static EdgeServer edge;

    @BeforeAll
    static void start() throws Exception {
        monolith = new Backend("monolith");
        catalogA = new Backend("catalog-service");
        catalogB = new Backend("catalog-service");
        resetA = new BrokenBackend(false);
        resetB = new BrokenBackend(false);
        hanging = new BrokenBackend(true);
        Map<String, String> o = new HashMap<>();
        o.put("edge.port", "0");
        o.put("edge.adminPort", "0");
        o.put("edge.shutdownSeconds", "1");
        o.put("edge.readTimeoutMs", "2000");
        o.put("edge.concurrency.maxRequests", "1"); // Zuul refuses when more than this are in flight: 2 pass
        o.put("edge.apiKeyHashes", EdgeState.sha256(KEY));
        o.put("edge.origins.monolith", monolith.address());
        o.put("edge.origins.catalog-service", catalogA.address() + "," + catalogB.address());
        o.put("edge.origins.billing-service", resetA.address() + "," + resetB.address());
        o.put("edge.origins.notification-service", hanging.address());
        o.put("edge.origins.pricing-service", "");
        edge = new EdgeServer(EdgeSettings.load(Map.of(), o)).start();
    }

    @AfterAll
    static void stop() throws Exception {
        edge.close();
        for (AutoCloseable c : new AutoCloseable[] {monolith, catalogA, catalogB, resetA, resetB, hanging}) {
            c.close();
        }
    }

    static HttpResponse<String> toService(String method, String path) throws Exception {
        return send(edge.port(), method, path, method.equals("GET") ? null : "{}",
                "X-Fleet-Route", "service", "X-Api-Key", KEY);
    }

    static void assertJsonError(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode n = EdgeState.JSON.readTree(r.body());
        assertThat(n.get("code").asInt()).isEqualTo(status);
        assertThat(n.get("message").asText()).isNotBlank();
        assertThat(n.get("requestId").asText()).isEqualTo(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(r.headers().firstValue("X-Fleet-Origin")).contains("edge");
    }

    @Test
    void getsKeepSucceedWhenOneOfTwoInstancesIsKilled() throws Exception {
        for (int i = 0; i < 4; i++) {
            HttpResponse<String> r = toService("GET", "/api/cars");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        assertThat(catalogA.requests.get()).isPositive();
        assertThat(catalogB.requests.get()).isPositive(); // both were in use
        catalogA.close();
        int before = catalogB.requests.get();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = toService("GET", "/api/cars/" + i);
            assertThat(r.statusCode()).as("GET %d", i).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Fleet-Origin")).contains("catalog-service");
        }
        assertThat(catalogB.requests.get() - before).isEqualTo(20);
    }

    @Test
    void aGetIsRetriedOnceOnAnotherInstanceAPostNever() throws Exception {
        int before = resetA.connections.get() + resetB.connections.get();
        assertJsonError(toService("POST", "/api/invoices"), 502);
        assertThat(resetA.connections.get() + resetB.connections.get() - before).isEqualTo(1);

        before = resetA.connections.get() + resetB.connections.get();
        assertJsonError(toService("PUT", "/api/invoices/1"), 502);
        assertJsonError(toService("DELETE", "/api/invoices/1"), 502);
        assertThat(resetA.connections.get() + resetB.connections.get() - before).isEqualTo(2);

        before = resetA.connections.get() + resetB.connections.get();
        int a = resetA.connections.get();
        assertJsonError(toService("GET", "/api/invoices?reservationId=1"), 502);
        assertThat(resetA.connections.get() + resetB.connections.get() - before).isEqualTo(2);
        assertThat(resetA.connections.get() - a).isEqualTo(1); // one on each instance
    }

    @Test
    void aSlowOriginGets504AndIsNotRetried() throws Exception {
        int before = hanging.connections.get();
        assertJsonError(toService("GET", "/api/notifications?customerId=1"), 504);
        assertThat(hanging.connections.get() - before).isEqualTo(1);
    }

    @Test
    void originConcurrencyProtectionAnswers503BeyondTheLimit() throws Exception {
        // two requests hang on the slow origin (limit 1: Zuul lets limit + 1 through); the third is refused at once, before any connection
        int inFlightBase = hanging.connections.get();
        var slow = java.util.stream.IntStream.range(0, 2).mapToObj(i -> java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return toService("GET", "/api/notifications?n=" + i).statusCode();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })).toList();
        EdgeClient.await("two requests in flight", 10, () -> hanging.connections.get() >= inFlightBase + 2);
        HttpResponse<String> third = toService("GET", "/api/notifications?n=3");
        assertJsonError(third, 503);
        assertThat(third.body()).contains("overloaded");
        for (var f : slow) {
            assertThat(f.get()).isEqualTo(504);
        }
    }

    @Test
    void anOriginsOwnErrorAnswerReachesTheClientUnchangedAndIsNotRetried() throws Exception {
        for (int status : new int[] {503, 500}) {
            int before = monolith.requests.get();
            HttpResponse<String> r = send(edge.port(), "GET", "/api/reservations/status/" + status, null);
            assertThat(r.statusCode()).isEqualTo(status);
            assertThat(r.body()).isEqualTo("{\"code\":" + status + ",\"message\":\"from monolith\"}");
            assertThat(r.headers().firstValue("Retry-After")).contains("7");
            assertThat(r.headers().firstValue("X-Fleet-Origin")).contains("monolith");
            assertThat(monolith.requests.get() - before).isEqualTo(1);
        }
    }

    @Test
    void anOriginWithoutInstancesGets503() throws Exception {
        HttpResponse<String> r = toService("GET", "/api/quotes?carId=1");
        assertJsonError(r, 503);
        assertThat(r.headers().firstValue("Retry-After")).contains("1");
    }

    @Test
    void aRefusedConnectionToTheOnlyInstanceGets502() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        Origins.set("pricing-service", java.util.List.of(new Origins.Instance("127.0.0.1", dead)));
        try {
            EdgeClient.await("server list refreshed", 10, () -> {
                try {
                    return toService("GET", "/api/quotes").statusCode() != 503;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertJsonError(toService("POST", "/api/quotes"), 502);
            assertJsonError(toService("GET", "/api/quotes"), 502);
        } finally {
            Origins.set("pricing-service", java.util.List.of());
        }
    }
}
