package dev.fleet.platform.ops;

import dev.fleet.platform.ids.Ids;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is safe to log and echo
 * (no CR/LF, no markup, bounded length), otherwise a random UUID. Echoed in the response, kept in
 * the MDC ({@code requestId}) and in {@link RequestIds} while the request runs.
 */
public class RequestIdFilter implements Filter {
    private static final Pattern VALID = Ids.TOKEN;

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String incoming = ((HttpServletRequest) req).getHeader(RequestIds.HEADER);
        String requestId = incoming != null && VALID.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
        ((HttpServletResponse) res).setHeader(RequestIds.HEADER, requestId);
        MDC.put(RequestIds.MDC_KEY, requestId);
        RequestIds.set(requestId);
        try {
            chain.doFilter(req, res);
        } finally {
            // Jetty reuses threads: never let the id leak into the next request
            MDC.remove(RequestIds.MDC_KEY);
            RequestIds.clear();
        }
    }
}
