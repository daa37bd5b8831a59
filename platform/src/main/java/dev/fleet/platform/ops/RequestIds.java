package dev.fleet.platform.ops;

import dev.fleet.platform.ids.Ids;
import org.slf4j.MDC;

import java.util.Optional;
import java.util.function.Supplier;

/** The request id of the request the current thread is serving (set by {@link RequestIdFilter}). */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** The longest caller-supplied id kept (a longer one is replaced); outboxes store it in a {@code varchar} at least this long. */
    public static final int MAX_LENGTH = Ids.TOKEN_MAX_LENGTH;

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private RequestIds() {
    }

    /** Empty outside a request, e.g. on a background thread: pass the id along explicitly there. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * {@code task} carrying the current thread's request id (captured now) to the thread that later runs it, in
     * {@link #current()} and the MDC, so a remote call made there still sends {@code X-Request-Id} and its logs
     * still name the request. The running thread's previous id and MDC entry are restored afterwards.
     */
    public static <T> Supplier<T> propagating(Supplier<T> task) {
        String requestId = CURRENT.get();
        if (requestId == null) {
            return task;
        }
        return () -> {
            String previous = CURRENT.get();
            String previousMdc = MDC.get(MDC_KEY);
            set(requestId);
            MDC.put(MDC_KEY, requestId);
            try {
                return task.get();
            } finally {
                restore(previous, previousMdc);
            }
        };
    }

    private static void restore(String previous, String previousMdc) {
        if (previous == null) {
            clear();
        } else {
            set(previous);
        }
        if (previousMdc == null) {
            MDC.remove(MDC_KEY);
        } else {
            MDC.put(MDC_KEY, previousMdc);
        }
    }

    static void set(String requestId) {
        CURRENT.set(requestId);
    }

    static void clear() {
        CURRENT.remove();
    }
}
