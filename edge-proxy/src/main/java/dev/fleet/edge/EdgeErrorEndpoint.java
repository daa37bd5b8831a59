package dev.fleet.edge;

import com.netflix.zuul.context.SessionContext;
import com.netflix.zuul.exception.ErrorType;
import com.netflix.zuul.exception.OutboundErrorType;
import com.netflix.zuul.exception.OutboundException;
import com.netflix.zuul.filters.http.HttpSyncEndpoint;
import com.netflix.zuul.message.http.HttpRequestMessage;
import com.netflix.zuul.message.http.HttpResponseMessage;

/** Zuul's error endpoint (zuul.filters.error.default): an origin failure becomes a JSON 502/503/504. */
public class EdgeErrorEndpoint extends HttpSyncEndpoint {
    @Override
    public HttpResponseMessage apply(HttpRequestMessage req) {
        SessionContext ctx = req.getContext();
        Throwable err = ctx.getError();
        ErrorType type = err instanceof OutboundException oe ? oe.getOutboundErrorType() : OutboundErrorType.OTHER;
        String origin = ctx.getOrDefault(EdgeState.ORIGIN, "?");
        int status;
        String message;
        if (type == OutboundErrorType.READ_TIMEOUT) {
            status = 504;
            message = "origin " + origin + " did not answer in time";
        } else if (type == OutboundErrorType.NO_AVAILABLE_SERVERS) {
            status = 503;
            message = "origin " + origin + " has no available instance";
        } else if (type == OutboundErrorType.ORIGIN_CONCURRENCY_EXCEEDED
                || type == OutboundErrorType.ORIGIN_SERVER_MAX_CONNS
                || type == OutboundErrorType.SERVICE_UNAVAILABLE) {
            status = 503;
            message = "origin " + origin + " is overloaded";
        } else {
            status = 502;
            message = "origin " + origin + " failed: " + type;
        }
        HttpResponseMessage resp = EdgeState.error(req, status, message);
        if (status == 503) {
            resp.getHeaders().set("Retry-After", "1");
        }
        return resp;
    }
}
