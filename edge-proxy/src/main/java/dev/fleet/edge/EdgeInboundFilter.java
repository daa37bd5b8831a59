package dev.fleet.edge;

import com.netflix.zuul.context.CommonContextKeys;
import com.netflix.zuul.context.SessionContext;
import com.netflix.zuul.filters.endpoint.ProxyEndpoint;
import com.netflix.zuul.filters.http.HttpInboundSyncFilter;
import com.netflix.zuul.message.Headers;
import com.netflix.zuul.message.ZuulMessage;
import com.netflix.zuul.message.http.HttpRequestMessage;
import com.netflix.zuul.message.http.HttpResponseMessage;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request, in order: request id, header hygiene, method/path checks, admin paths, route lookup, body size,
 * API key for writes, rate limit, then the sticky weighted choice of origin. Any refusal becomes a JSON static
 * response and the rest is skipped.
 */
public class EdgeInboundFilter extends HttpInboundSyncFilter {
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    static final Set<String> WRITES = Set.of("POST", "PUT", "DELETE", "PATCH");
    /** Headers a client's Connection header cannot make the edge drop. */
    private static final Set<String> PROTECTED = Set.of("close", "keep-alive", "host", "x-request-id",
            "content-length", "transfer-encoding", "x-api-key", "x-fleet-route");
    // the same rule as the apps' RequestIdFilter, so an id the edge passes on is the one the apps log
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern BAD_PERCENT = Pattern.compile("%(?![0-9A-Fa-f]{2})");

    /** Bytes of a chunked request body seen so far. */
    private static final SessionContext.Key<Long> BODY_BYTES = SessionContext.newKey("fleet.edge.bodyBytes");

    private final EdgeState state;

    public EdgeInboundFilter(EdgeState state) {
        this.state = state;
    }

    @Override
    public int filterOrder() {
        return 10;
    }

    @Override
    public boolean shouldFilter(HttpRequestMessage msg) {
        return true;
    }

    /**
     * A body without Content-Length (chunked) has no size until it is read: it is buffered before {@link #apply}
     * runs, so that an oversized one is refused (413) before any origin sees it.
     */
    @Override
    public boolean needsBodyBuffered(HttpRequestMessage req) {
        return isChunked(req.getHeaders());
    }

    /**
     * Counts a buffered chunked body; past {@code maxBodyBytes} the rest is dropped (released, replaced by empty
     * chunks), so an endless body costs at most the limit in memory and ends in 413.
     */
    @Override
    public HttpContent processContentChunk(ZuulMessage msg, HttpContent chunk) {
        if (!isChunked(msg.getHeaders())) {
            return chunk;
        }
        SessionContext ctx = msg.getContext();
        long seen = ctx.getOrDefault(BODY_BYTES, 0L) + chunk.content().readableBytes();
        ctx.put(BODY_BYTES, seen);
        if (seen <= state.maxBodyBytes) {
            return chunk;
        }
        boolean last = chunk instanceof LastHttpContent;
        chunk.release();
        return last ? LastHttpContent.EMPTY_LAST_CONTENT : new DefaultHttpContent(Unpooled.EMPTY_BUFFER);
    }

    private static boolean isChunked(Headers h) {
        return h.getFirst("Content-Length") == null && h.getFirst("Transfer-Encoding") != null;
    }

    @Override
    public HttpRequestMessage apply(HttpRequestMessage req) {
        SessionContext ctx = req.getContext();
        ctx.put(EdgeState.START, System.nanoTime());
        ctx.put(EdgeState.ORIGIN, "edge");
        Headers h = req.getHeaders();
        String rid = h.getFirst("X-Request-Id");
        if (rid == null || !REQUEST_ID.matcher(rid).matches()) {
            rid = UUID.randomUUID().toString();
        }
        h.set("X-Request-Id", rid);
        ctx.put(EdgeState.REQUEST_ID, rid);
        HttpResponseMessage refusal = check(req, h);
        if (refusal != null) {
            ctx.setStaticResponse(refusal);
        }
        return req;
    }

    private HttpResponseMessage check(HttpRequestMessage req, Headers h) {
        SessionContext ctx = req.getContext();
        // hop-by-hop headers (and those the Connection header names) and our own routing header never go upstream
        String connection = h.getFirst("Connection");
        if (connection != null) {
            for (String name : connection.split(",")) {
                String n = name.trim().toLowerCase();
                if (!n.isEmpty() && !PROTECTED.contains(n)) {
                    h.remove(name.trim());
                }
            }
        }
        EdgeState.HOP_BY_HOP.forEach(h::remove);
        h.remove("X-Fleet-Origin");
        String override = h.getFirst("X-Fleet-Route");
        h.remove("X-Fleet-Route");
        String apiKey = h.getFirst("X-Api-Key");
        h.remove("X-Api-Key");

        String method = req.getMethod().toUpperCase();
        if (!METHODS.contains(method)) {
            return EdgeState.error(req, 405, "method " + method + " is not allowed");
        }
        if (override != null && !override.equalsIgnoreCase("monolith") && !override.equalsIgnoreCase("service")) {
            return EdgeState.error(req, 400, "X-Fleet-Route must be monolith or service");
        }
        String path = req.getPath();
        // the raw request target: Zuul's parsed query is already (leniently) decoded
        Object nativeReq = ctx.get(CommonContextKeys.NETTY_HTTP_REQUEST);
        String target = nativeReq instanceof io.netty.handler.codec.http.HttpRequest n ? n.uri() : req.getPathAndQuery();
        if (BAD_PERCENT.matcher(target).find()) {
            return EdgeState.error(req, 400, "malformed percent-encoding in the request target");
        }
        String lower = path.toLowerCase();
        if (!path.startsWith("/") || path.contains("//") || path.contains("\\") || lower.contains("%2e")
                || lower.contains("%2f") || lower.contains("%5c") || lower.contains("/./") || lower.contains("/../")
                || lower.endsWith("/.") || lower.endsWith("/..")) {
            return EdgeState.error(req, 400, "the path is not in normal form");
        }
        String keyHash = apiKey == null ? null : EdgeState.sha256(apiKey);
        boolean validKey = keyHash != null && state.apiKeyHashes.contains(keyHash);
        // per key when the key is valid (an invented key must not buy a fresh bucket), else per client address;
        // before the key check, so guessing keys costs tokens like any other request
        long wait = state.takeToken(validKey ? "key:" + keyHash : "ip:" + req.getClientIp());
        if (wait > 0) {
            HttpResponseMessage r = EdgeState.error(req, 429, "rate limit exceeded, retry in " + wait + " s");
            r.getHeaders().set("Retry-After", Long.toString(wait));
            state.registry.counter("edge.rateLimited").increment();
            return r;
        }
        if (RouteTable.isAdminPath(path)) {
            return EdgeState.error(req, 404, "not found");
        }
        RouteTable.Route route = state.routes.table().match(path);
        if (route == null) {
            return EdgeState.error(req, 404, "no route for " + path);
        }
        String length = h.getFirst("Content-Length");
        try {
            if (length != null && Long.parseLong(length.trim()) > state.maxBodyBytes) {
                return EdgeState.error(req, 413, "the body is larger than " + state.maxBodyBytes + " bytes");
            }
        } catch (NumberFormatException e) {
            return EdgeState.error(req, 400, "bad Content-Length");
        }
        if (ctx.getOrDefault(BODY_BYTES, 0L) > state.maxBodyBytes) {
            return EdgeState.error(req, 413, "the body is larger than " + state.maxBodyBytes + " bytes");
        }
        if (WRITES.contains(method) && !validKey) {
            return EdgeState.error(req, 401, apiKey == null ? "X-Api-Key is required for " + method
                    : "X-Api-Key is not valid");
        }
        String identity = apiKey != null ? "key:" + apiKey : "ip:" + req.getClientIp();
        String origin = RouteTable.choose(route, identity, override);
        ctx.put(EdgeState.ORIGIN, origin);
        ctx.setEndpoint(ProxyEndpoint.class.getCanonicalName());
        ctx.setRouteVIP(origin);
        return null;
    }
}
