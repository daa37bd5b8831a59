package dev.fleet.platform.ops;

import java.util.Optional;

/** The request id of the request the current thread is serving (set by {@link RequestIdFilter}). */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    /** Empty outside a request, e.g. on a background thread: pass the id along explicitly there. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    static void set(String requestId) {
        CURRENT.set(requestId);
    }

    static void clear() {
        CURRENT.remove();
    }
}
