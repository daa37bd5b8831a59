package dev.fleet.edge;

import com.netflix.zuul.context.SessionContext;
import com.netflix.zuul.filters.http.HttpSyncEndpoint;
import com.netflix.zuul.message.http.HttpRequestMessage;
import com.netflix.zuul.message.http.HttpResponseMessage;
import com.netflix.zuul.stats.status.StatusCategory;
import com.netflix.zuul.stats.status.StatusCategoryUtils;
import com.netflix.zuul.stats.status.ZuulStatusCategory;

/** Zuul's error endpoint (zuul.filters.error.default), and the JSON form of every origin failure. */
public class EdgeErrorEndpoint extends HttpSyncEndpoint {
    @Override
    public HttpResponseMessage apply(HttpRequestMessage req) {
        HttpResponseMessage resp = EdgeState.error(req, 502, "?");
        toJson(resp);
        return resp;
    }

    /**
     * Rewrites Zuul's error response for a failed origin call into Fleet's JSON error: 504 read timeout, 503 no
     * instance or overloaded (with Retry-After), 502 anything else (refused, reset…). Zuul's own statuses differ
     * (a reset is a 504 there).
     */
    static void toJson(HttpResponseMessage resp) {
        SessionContext ctx = resp.getContext();
        // ProxyEndpoint records the failure kind as the status category (its error is the raw Netty exception)
        StatusCategory type = StatusCategoryUtils.getStatusCategory(ctx);
        String origin = ctx.getOrDefault(EdgeState.ORIGIN, "?");
        int status;
        String message;
        if (type == ZuulStatusCategory.FAILURE_ORIGIN_READ_TIMEOUT) {
            status = 504;
            message = "origin " + origin + " did not answer in time";
        } else if (type == ZuulStatusCategory.FAILURE_ORIGIN_NO_SERVERS) {
            status = 503;
            message = "origin " + origin + " has no available instance";
        } else if (type == ZuulStatusCategory.FAILURE_LOCAL_THROTTLED_ORIGIN_CONCURRENCY
                || type == ZuulStatusCategory.FAILURE_LOCAL_THROTTLED_ORIGIN_SERVER_MAXCONN
                || type == ZuulStatusCategory.FAILURE_ORIGIN_THROTTLED) {
            status = 503;
            message = "origin " + origin + " is overloaded";
        } else {
            status = 502;
            message = "origin " + origin + " failed (" + type + ")";
        }
        resp.setStatus(status);
        resp.getHeaders().remove("Content-Length");
        resp.getHeaders().set("Content-Type", "application/json");
        if (status == 503) {
            resp.getHeaders().set("Retry-After", "1");
        }
        resp.setBodyAsText(EdgeState.errorJson(status, message, ctx.get(EdgeState.REQUEST_ID)));
    }
}
