package dev.fleet.edge;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Right after Netty's HTTP decoder: a request it could not decode gets a JSON 4xx (431 headers too large, 414 request
 * line too long, 400 otherwise) and the connection is closed. Zuul itself would just close the connection.
 */
final class DecodeFailureResponder extends ChannelInboundHandlerAdapter {
    private boolean failed;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (failed) {
            ReferenceCountUtil.release(msg); // the rest of a request we already answered
            return;
        }
        if (msg instanceof DecoderResultProvider p && p.decoderResult().isFailure()) {
            failed = true;
            ReferenceCountUtil.release(msg);
            DecoderResult r = p.decoderResult();
            HttpResponseStatus status = r.cause() instanceof TooLongHttpHeaderException
                    ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : r.cause() instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                    : HttpResponseStatus.BAD_REQUEST;
            String message = status.code() == 400 ? "malformed HTTP request" : status.reasonPhrase();
            String rid = UUID.randomUUID().toString();
            byte[] body = EdgeState.errorJson(status.code(), message, rid).getBytes(StandardCharsets.UTF_8);
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.wrappedBuffer(body));
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                    .set(HttpHeaderNames.CONNECTION, "close")
                    .set("X-Fleet-Origin", "edge")
                    .set("X-Request-Id", rid);
            EdgeOutboundFilter.ACCESS.info("- - {} origin=edge rid={} ({})", status.code(), rid,
                    r.cause() == null ? "decode failure" : r.cause().getClass().getSimpleName());
            ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
