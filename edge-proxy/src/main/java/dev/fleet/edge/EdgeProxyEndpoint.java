package dev.fleet.edge;

import com.netflix.zuul.discovery.DiscoveryResult;
import com.netflix.zuul.exception.ErrorType;
import com.netflix.zuul.exception.OutboundErrorType;
import com.netflix.zuul.filters.endpoint.ProxyEndpoint;
import com.netflix.zuul.message.http.HttpRequestMessage;
import com.netflix.zuul.message.http.HttpResponseMessage;
import com.netflix.zuul.netty.filter.FilterRunner;
import com.netflix.zuul.netty.server.MethodBinding;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Zuul's proxy with Fleet's retry policy: only GET/HEAD/OPTIONS, only after a connection failure (refused or
 * reset), once on another instance ({@code MaxAutoRetriesNextServer=1}). Zuul itself would replay a buffered POST
 * after a connect error and any idempotent request after a 500. An origin's own 5xx answer (e.g. the monolith's 503 +
 * Retry-After when pricing is down) reaches the client unchanged: Zuul records it as an error, so it is marked here.
 */
public class EdgeProxyEndpoint extends ProxyEndpoint {
    public EdgeProxyEndpoint(HttpRequestMessage req, ChannelHandlerContext ctx,
                             FilterRunner<HttpResponseMessage, ?> next, MethodBinding<?> binding) {
        super(req, ctx, next, binding);
    }

    @Override
    protected boolean isRetryable(ErrorType err) {
        boolean connectionFailure = err == OutboundErrorType.CONNECT_ERROR
                || err == OutboundErrorType.RESET_CONNECTION;
        return connectionFailure && IDEMPOTENT_HTTP_METHODS.contains(zuulRequest.getMethod().toUpperCase())
                && isRequestReplayable();
    }

    @Override
    protected void handleOriginNonSuccessResponse(HttpResponse originResponse, DiscoveryResult chosenServer) {
        zuulRequest.getContext().put(EdgeState.ORIGIN_ANSWERED, Boolean.TRUE);
        super.handleOriginNonSuccessResponse(originResponse, chosenServer);
    }

    @Override
    public boolean isRetryable5xxResponse(HttpRequestMessage req, HttpResponse resp) {
        return false;
    }
}
