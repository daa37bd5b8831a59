package dev.fleet.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.netflix.spectator.api.Registry;
import com.netflix.zuul.context.SessionContext;
import com.netflix.zuul.message.http.HttpRequestMessage;
import com.netflix.zuul.message.http.HttpResponseMessage;
import com.netflix.zuul.message.http.HttpResponseMessageImpl;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** What the filters share: settings, the live route table, API keys, rate-limit buckets, the metrics registry. */
public final class EdgeState {
    static final SessionContext.Key<Long> START = SessionContext.newKey("fleet.start");
    static final SessionContext.Key<String> REQUEST_ID = SessionContext.newKey("fleet.requestId");
    static final SessionContext.Key<String> ORIGIN = SessionContext.newKey("fleet.origin");
    /** Set when the origin itself answered with an error status: its response goes to the client unchanged. */
    static final SessionContext.Key<Boolean> ORIGIN_ANSWERED = SessionContext.newKey("fleet.originAnswered");
    static final ObjectMapper JSON = new ObjectMapper();
    /** Past this many tracked clients the buckets start over (a crude bound on memory under address churn). */
    private static final int MAX_BUCKETS = 100_000;

    final EdgeSettings settings;
    final RouteSource routes;
    final Registry registry;
    final Set<String> apiKeyHashes;
    final long maxBodyBytes;
    private final long capacity;
    private final long refillPerSecond;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    EdgeState(EdgeSettings settings, RouteSource routes, Registry registry) {
        this.settings = settings;
        this.routes = routes;
        this.registry = registry;
        String hashes = settings.get("edge.apiKeyHashes");
        this.apiKeyHashes = hashes == null ? Set.of() : Arrays.stream(hashes.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(String::toLowerCase).collect(Collectors.toSet());
        for (String h : apiKeyHashes) {
            if (!h.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("edge.apiKeyHashes: '" + h + "' is not a SHA-256 hex digest");
            }
        }
        this.maxBodyBytes = settings.getLong("edge.maxBodyBytes", 1_048_576);
        this.capacity = settings.getLong("edge.rateLimit.capacity", 100);
        this.refillPerSecond = settings.getLong("edge.rateLimit.refillPerSecond", 50);
        if (capacity < 1 || refillPerSecond < 1) {
            throw new IllegalArgumentException("edge.rateLimit.capacity and refillPerSecond must be >= 1");
        }
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 0 when the request may pass, else seconds until a token is back (the Retry-After). */
    long takeToken(String identity) {
        if (buckets.size() > MAX_BUCKETS) {
            buckets.clear();
        }
        Bucket b = buckets.computeIfAbsent(identity, k -> Bucket.builder()
                .addLimit(l -> l.capacity(capacity).refillGreedy(refillPerSecond, Duration.ofSeconds(1)))
                .build());
        ConsumptionProbe p = b.tryConsumeAndReturnRemaining(1);
        return p.isConsumed() ? 0 : Math.max(1, (p.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }

    static String errorJson(int status, String message, String requestId) {
        ObjectNode n = JSON.createObjectNode();
        n.put("code", status);
        n.put("message", message);
        n.putArray("errors").add(message);
        n.put("requestId", requestId);
        return n.toString();
    }

    /** A JSON error answered by the edge itself (no origin involved). */
    static HttpResponseMessage error(HttpRequestMessage req, int status, String message) {
        SessionContext ctx = req.getContext();
        HttpResponseMessage resp = new HttpResponseMessageImpl(ctx, req, status);
        resp.getHeaders().set("Content-Type", "application/json");
        resp.setBodyAsText(errorJson(status, message, ctx.get(REQUEST_ID)));
        return resp;
    }

    static final List<String> HOP_BY_HOP = List.of("keep-alive", "proxy-authenticate", "proxy-authorization",
            "proxy-connection", "te", "trailer", "upgrade");
}
