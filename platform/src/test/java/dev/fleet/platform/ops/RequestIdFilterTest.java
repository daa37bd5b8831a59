package dev.fleet.platform.ops;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raw CR/LF never reaches the filter through Jetty (it answers 400 "Line Folding not supported"),
 * so the filter's own check is tested directly.
 */
class RequestIdFilterTest {

    @Test
    void replacesAnIdContainingCrLf() throws Exception {
        Map<String, String> responseHeaders = new HashMap<>();
        AtomicReference<String> seenInChain = new AtomicReference<>();
        FilterChain chain = (req, res) -> seenInChain.set(MDC.get(RequestIds.MDC_KEY));

        new RequestIdFilter().doFilter(request("abc\r\nSet-Cookie: x=1"), response(responseHeaders), chain);

        String id = responseHeaders.get(RequestIds.HEADER);
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(seenInChain.get()).isEqualTo(id);
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
        assertThat(RequestIds.current()).isEmpty();
    }

    private static HttpServletRequest request(String requestId) {
        return (HttpServletRequest) Proxy.newProxyInstance(RequestIdFilterTest.class.getClassLoader(), new Class<?>[]{HttpServletRequest.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getHeader") && RequestIds.HEADER.equals(args[0])) {
                        return requestId;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HttpServletResponse response(Map<String, String> headers) {
        return (HttpServletResponse) Proxy.newProxyInstance(RequestIdFilterTest.class.getClassLoader(), new Class<?>[]{HttpServletResponse.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("setHeader")) {
                        headers.put((String) args[0], (String) args[1]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
