package dev.fleet.edge;

import static dev.fleet.edge.EdgeClient.get;
import static dev.fleet.edge.EdgeClient.raw;
import static dev.fleet.edge.EdgeClient.send;
import static dev.fleet.edge.EdgeClient.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys, rate limits, size limits, admin paths, header hygiene and malformed requests, over real HTTP. */
class EdgeSecurityTest {
    static final String KEY = "fleet-test-key";
    static final String BURST_KEY = "fleet-burst-key";
    static Backend monolith;
    static EdgeServer edge;

    @BeforeAll
    static void start() throws Exception {
        if (monolith == null) {
            monolith = new Backend("monolith");
        }
        Map<String, String> o = new HashMap<>();
        o.put("edge.port", "0");
        o.put("edge.adminPort", "0");
        o.put("edge.shutdownSeconds", "1");
        o.put("edge.origins.monolith", monolith.address());
        o.put("edge.apiKeyHashes", EdgeState.sha256(KEY) + "," + EdgeState.sha256(BURST_KEY).toUpperCase());
        o.put("edge.rateLimit.capacity", "30");
        o.put("edge.rateLimit.refillPerSecond", "1");
        o.put("edge.maxBodyBytes", "1024");
        o.put("edge.maxHeaderBytes", "8192");
        edge = new EdgeServer(EdgeSettings.load(Map.of(), o)).start();
    }

    @AfterAll
    static void stop() {
        edge.close();
        monolith.close();
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        return EdgeState.JSON.readTree(r.body());
    }

    @Test
    void writesNeedAValidApiKeyReadsAreOpen() throws Exception {
        int before = monolith.requests.get();
        HttpResponse<String> none = send(edge.port(), "POST", "/api/customers", "{}");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(json(none).get("message").asText()).contains("X-Api-Key is required");
        HttpResponse<String> wrong = send(edge.port(), "DELETE", "/api/reservations/1", null, "X-Api-Key", "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("message").asText()).contains("not valid");
        assertThat(monolith.requests.get()).isEqualTo(before); // refused writes never reach an origin

        HttpResponse<String> ok = send(edge.port(), "POST", "/api/customers", "{}", "X-Api-Key", KEY);
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(ok.headers().firstValue("X-Fleet-Origin")).contains("monolith");
        assertThat(monolith.lastHeaders()).doesNotContainKey("X-api-key"); // the credential stays at the edge
        assertThat(get(edge.port(), "/api/cars").statusCode()).isEqualTo(200);
    }

    @Test
    void aBurstAboveTheLimitGets429WithRetryAfter() throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 40; i++) {
            last = get(edge.port(), "/api/cars", "X-Api-Key", BURST_KEY);
            if (last.statusCode() == 429) {
                break;
            }
        }
        assertThat(last.statusCode()).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(
                s -> assertThat(Long.parseLong(s)).isBetween(1L, 2L));
        assertThat(json(last).get("code").asInt()).isEqualTo(429);
        // another key (and so another bucket) is not affected
        assertThat(get(edge.port(), "/api/cars", "X-Api-Key", KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void guessingKeysCostsTokensToo() throws Exception {
        // a separate edge with a tiny bucket, so this class's shared address bucket stays full
        Map<String, String> o = new HashMap<>();
        o.put("edge.port", "0");
        o.put("edge.adminPort", "0");
        o.put("edge.shutdownSeconds", "1");
        o.put("edge.origins.monolith", monolith.address());
        o.put("edge.apiKeyHashes", EdgeState.sha256(KEY));
        o.put("edge.rateLimit.capacity", "3");
        o.put("edge.rateLimit.refillPerSecond", "1");
        edge.close();
        EdgeServer guarded = new EdgeServer(EdgeSettings.load(Map.of(), o)).start();
        try {
            int last = 0;
            for (int i = 0; i < 4; i++) {
                last = send(guarded.port(), "POST", "/api/customers", "{}", "X-Api-Key", "guess-" + i).statusCode();
            }
            assertThat(last).isEqualTo(429);
        } finally {
            guarded.close();
            start(); // the class's own edge again
        }
    }

    @Test
    void anOversizedBodyGets413() throws Exception {
        HttpResponse<String> r = send(edge.port(), "POST", "/api/customers", "x".repeat(2000), "X-Api-Key", KEY);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("code").asInt()).isEqualTo(413);
    }

    static String chunked(int... sizes) {
        StringBuilder sb = new StringBuilder("POST /api/customers HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + KEY
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
        for (int size : sizes) {
            sb.append(Integer.toHexString(size)).append("\r\n").append("x".repeat(size)).append("\r\n");
        }
        return sb.append("0\r\n\r\n").toString();
    }

    @Test
    void aChunkedBodyOverTheLimitGets413AndNeverReachesTheOrigin() throws Exception {
        int before = monolith.requests.get();
        String resp = raw(edge.port(), chunked(400, 400, 400)); // 1,200 bytes > 1,024, no Content-Length
        assertThat(status(resp)).isEqualTo(413);
        assertThat(resp).contains("\"code\":413").contains("larger than 1024 bytes");
        assertThat(monolith.requests.get()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsProxiedWhole() throws Exception {
        monolith.seenBodyBytes.clear();
        String resp = raw(edge.port(), chunked(500, 524)); // exactly the limit
        assertThat(status(resp)).isEqualTo(201);
        assertThat(monolith.seenBodyBytes).containsExactly(1024);
    }

    @Test
    void adminPathsAre404ThroughTheEdge() throws Exception {
        for (String p : List.of("/tasks/gc", "/healthcheck", "/metrics", "/hystrix.stream", "/threads",
                "/admin", "/HEALTHCHECK")) {
            HttpResponse<String> r = get(edge.port(), p);
            assertThat(r.statusCode()).as(p).isEqualTo(404);
            assertThat(r.headers().firstValue("X-Fleet-Origin")).contains("edge");
        }
        // nor through a route by path tricks
        assertThat(status(raw(edge.port(), "GET /api/cars/../../tasks/gc HTTP/1.1\r\nHost: x\r\n\r\n")))
                .isEqualTo(400);
        assertThat(status(raw(edge.port(), "GET /api/cars/%2e%2e/%2e%2e/healthcheck HTTP/1.1\r\nHost: x\r\n\r\n")))
                .isEqualTo(400);
        assertThat(monolith.seenHeaders).isNotNull();
    }

    @Test
    void hopByHopAndInternalHeadersAreStripped() throws Exception {
        String resp = raw(edge.port(), "GET /ping HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, X-Secret\r\n"
                + "X-Secret: s\r\nProxy-Authorization: Basic eA==\r\nKeep-Alive: timeout=5\r\n"
                + "X-Fleet-Origin: forged\r\nX-Fleet-Route: monolith\r\n\r\n");
        assertThat(status(resp)).isEqualTo(200);
        Map<String, List<String>> seen = monolith.lastHeaders();
        assertThat(seen).doesNotContainKeys("X-secret", "Proxy-authorization", "Keep-alive", "X-fleet-origin",
                "X-fleet-route");
        assertThat(resp.toLowerCase()).doesNotContain("x-zuul").doesNotContain("x-fleet-internal")
                .contains("x-fleet-origin: monolith");
    }

    @Test
    void malformedRequestsGet4xxAndTheEdgeKeepsServing() throws Exception {
        String badMethod = raw(edge.port(), "BREW /api/cars HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(status(badMethod)).isEqualTo(405);
        assertThat(badMethod).contains("\"code\":405");

        String badPercent = raw(edge.port(), "GET /api/cars/%zz HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(status(badPercent)).isEqualTo(400);
        assertThat(badPercent).contains("percent-encoding");
        assertThat(status(raw(edge.port(), "GET /api/cars?q=%E HTTP/1.1\r\nHost: x\r\n\r\n"))).isEqualTo(400);

        String hugeHeaders = raw(edge.port(), "GET /api/cars HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(20_000) + "\r\n\r\n");
        assertThat(status(hugeHeaders)).isEqualTo(431);
        assertThat(hugeHeaders).contains("\"code\":431");

        String longLine = raw(edge.port(), "GET /api/cars/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(status(longLine)).isEqualTo(414);
        String garbage = raw(edge.port(), "GET /api/cars HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n");
        assertThat(status(garbage)).isEqualTo(400);

        assertThat(get(edge.port(), "/api/cars").statusCode()).isEqualTo(200);
        assertThat(get(edge.adminPort(), "/health").statusCode()).isEqualTo(200);
    }
}
