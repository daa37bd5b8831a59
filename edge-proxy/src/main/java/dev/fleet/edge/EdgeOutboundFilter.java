package dev.fleet.edge;

import com.netflix.zuul.context.SessionContext;
import com.netflix.zuul.filters.http.HttpOutboundSyncFilter;
import com.netflix.zuul.message.Headers;
import com.netflix.zuul.message.http.HttpResponseMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every response: internal/hop-by-hop headers out, X-Fleet-Origin and X-Request-Id in, one access-log line. */
public class EdgeOutboundFilter extends HttpOutboundSyncFilter {
    static final Logger ACCESS = LoggerFactory.getLogger("fleet.edge.access");

    private final EdgeState state;

    public EdgeOutboundFilter(EdgeState state) {
        this.state = state;
    }

    @Override
    public int filterOrder() {
        return 10;
    }

    @Override
    public boolean shouldFilter(HttpResponseMessage msg) {
        return true;
    }

    @Override
    public HttpResponseMessage apply(HttpResponseMessage resp) {
        SessionContext ctx = resp.getContext();
        Headers h = resp.getHeaders();
        EdgeState.HOP_BY_HOP.forEach(h::remove);
        h.removeIf(e -> {
            String n = e.getKey().getNormalised();
            return n.startsWith("x-zuul") || n.equals("x-originating-url") || n.equals("server")
                    || n.equals("x-powered-by") || n.startsWith("x-fleet-internal");
        });
        String origin = ctx.getOrDefault(EdgeState.ORIGIN, "edge");
        // an origin's own error answer (its status, JSON and Retry-After) is passed on as it is
        boolean edgeFailed = ctx.getError() != null && !Boolean.TRUE.equals(ctx.get(EdgeState.ORIGIN_ANSWERED));
        if (edgeFailed) {
            EdgeErrorEndpoint.toJson(resp);
        }
        if (edgeFailed || ctx.getStaticResponse() != null) {
            origin = "edge"; // the edge answered, not the chosen origin
        }
        h.set("X-Fleet-Origin", origin);
        String rid = ctx.get(EdgeState.REQUEST_ID);
        if (rid != null) {
            h.set("X-Request-Id", rid);
        }
        Long start = ctx.get(EdgeState.START);
        long ms = start == null ? -1 : (System.nanoTime() - start) / 1_000_000;
        var req = resp.getInboundRequest();
        ACCESS.info("{} {} {} origin={} route={} {}ms rid={}", req.getMethod().toUpperCase(), req.getPath(), resp.getStatus(),
                origin, ctx.getOrDefault(EdgeState.ORIGIN, "edge"), ms, rid);
        state.registry.counter("edge.responses", "origin", origin, "status", Integer.toString(resp.getStatus()))
                .increment();
        return resp;
    }
}
