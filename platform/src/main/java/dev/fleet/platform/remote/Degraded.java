package dev.fleet.platform.remote;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The services whose answers in the current request came from a fallback value or a stale cache. Marked by
 * {@link RemoteCall#call()} on the calling thread (never on a Hystrix thread), read by {@link DegradedHeaderFilter}
 * which answers {@code X-Fleet-Degraded: catalog, pricing}. Outside a tracked request, marking is a no-op; code that
 * is not a resource (a message handler) asks {@link RemoteCall#isDegraded()} instead.
 */
public final class Degraded {
    public static final String HEADER = "X-Fleet-Degraded";

    private static final ThreadLocal<Set<String>> SERVICES = new ThreadLocal<>();

    private Degraded() {
    }

    /** Starts tracking for the current thread's request. */
    public static void begin() {
        SERVICES.set(new LinkedHashSet<>());
    }

    /** Stops tracking; the services marked since {@link #begin()} (empty when none or not tracking). */
    public static Set<String> end() {
        Set<String> services = SERVICES.get();
        SERVICES.remove();
        return services == null ? Set.of() : services;
    }

    static void mark(String service) {
        Set<String> services = SERVICES.get();
        if (services != null) {
            services.add(service);
        }
    }
}
