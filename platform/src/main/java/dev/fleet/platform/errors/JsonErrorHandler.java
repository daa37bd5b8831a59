package dev.fleet.platform.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's own refusals in Fleet's error shape: {@code {"code":400,"message":"…"}} as JSON instead of Jetty's HTML
 * page. Two paths reach it: a request Jetty cannot parse or will not serve (a bad URI such as {@code /api/cars/%00},
 * an ambiguous path, a header too large: {@link #badMessageError}, used by the server for both connectors), and
 * an error a servlet context answers itself, such as a 404 on the admin port ({@link #generateAcceptableResponse}).
 * Whatever the client's {@code Accept} says, the answer is JSON: it is the one shape Fleet's clients parse.
 */
public class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonErrorHandler() {
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        if (HttpStatus.hasNoBody(status)) {
            return BufferUtil.EMPTY_BUFFER;
        }
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        byte[] body = body(code, message);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The error body: the status's own words when Jetty gives no better reason. */
    static byte[] body(int status, String reason) {
        String message = reason == null || reason.isBlank() || reason.equals(HttpStatus.getMessage(status))
                ? describe(status) : reason;
        try {
            return JSON.writeValueAsBytes(new ApiError(status, message));
        } catch (JsonProcessingException e) {
            return ("{\"code\":" + status + "}").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String describe(int status) {
        return switch (status) {
            case 400 -> "malformed request: the URI, a header or the body's framing is not valid HTTP";
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 414 -> "URI too long";
            case 431 -> "request headers too large";
            default -> HttpStatus.getMessage(status);
        };
    }
}
