package dev.fleet.edge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The edge's route table: path prefixes → the monolith and, optionally, a service taking {@code weight} % of the
 * clients. Built from {@code route.<name>.prefix|service|weight} properties; {@link #parse} refuses any invalid table
 * as a whole (the caller keeps the last good one).
 */
public final class RouteTable {
    public static final String MONOLITH = "monolith";
    /** Never routed, whatever the table says: Dropwizard admin endpoints (they also live on admin ports). */
    static final List<String> ADMIN_PATHS = List.of("/tasks", "/healthcheck", "/metrics", "/hystrix.stream",
            "/threads", "/admin", "/prometheus", "/pprof");

    public record Route(String name, String prefix, String service, int weight) {
        boolean matches(String path) {
            return path.equals(prefix) || path.startsWith(prefix + "/");
        }
    }

    private final List<Route> routes; // longest prefix first

    private RouteTable(List<Route> routes) {
        this.routes = routes;
    }

    public List<Route> routes() {
        return routes;
    }

    /** The route for a (normalized) path, or null. */
    public Route match(String path) {
        for (Route r : routes) {
            if (r.matches(path)) {
                return r;
            }
        }
        return null;
    }

    public static boolean isAdminPath(String path) {
        String p = path.toLowerCase();
        return ADMIN_PATHS.stream().anyMatch(a -> p.equals(a) || p.startsWith(a + "/"));
    }

    /** Parses the {@code route.*} entries of {@code props}; throws IllegalArgumentException naming the problem. */
    public static RouteTable parse(Map<String, String> props) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        props.forEach((key, value) -> {
            if (!key.startsWith("route.")) {
                return;
            }
            String[] parts = key.split("\\.");
            if (parts.length != 3 || !parts[1].matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("bad route key '" + key + "' (route.<name>.prefix|service|weight)");
            }
            if (!List.of("prefix", "service", "weight").contains(parts[2])) {
                throw new IllegalArgumentException("unknown route attribute '" + key + "'");
            }
            byName.computeIfAbsent(parts[1], n -> new LinkedHashMap<>()).put(parts[2], value.trim());
        });
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("the route table is empty");
        }
        List<Route> routes = new ArrayList<>();
        byName.forEach((name, attrs) -> routes.add(route(name, attrs)));
        long distinct = routes.stream().map(Route::prefix).distinct().count();
        if (distinct != routes.size()) {
            throw new IllegalArgumentException("two routes have the same prefix");
        }
        routes.sort(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed());
        return new RouteTable(List.copyOf(routes));
    }

    private static Route route(String name, Map<String, String> a) {
        String prefix = a.get("prefix");
        if (prefix == null || !prefix.matches("(/[A-Za-z0-9._~-]+)+")) {
            throw new IllegalArgumentException("route " + name + ": prefix must be a path like /api/cars, was '"
                    + prefix + "'");
        }
        if (prefix.contains("/.") || isAdminPath(prefix)) {
            throw new IllegalArgumentException("route " + name + ": prefix " + prefix + " is not routable");
        }
        String service = a.get("service");
        if (service == null || service.isEmpty() || service.equals(MONOLITH)) {
            return new Route(name, prefix, null, 0); // monolith only; a weight left over from a lower source is moot
        }
        if (!EdgeSettings.APPS.contains(service)) {
            throw new IllegalArgumentException("route " + name + ": unknown service '" + service + "' (one of "
                    + EdgeSettings.APPS + ")");
        }
        String w = a.get("weight");
        int weight;
        try {
            weight = Integer.parseInt(w == null ? "" : w);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("route " + name + ": weight must be a whole number 0-100, was '"
                    + w + "'");
        }
        if (weight < 0 || weight > 100) {
            throw new IllegalArgumentException("route " + name + ": weight must be 0-100, was " + weight);
        }
        return new Route(name, prefix, service, weight);
    }

    /** Sticky side for a client: the same identity always gets the same bucket 0..99. */
    public static int bucket(String identity) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            int v = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
            return Integer.remainderUnsigned(v, 100);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The origin for this client: the service when its bucket is below the weight, else the monolith. */
    public static String choose(Route route, String identity, String override) {
        if (route.service() == null) {
            return MONOLITH;
        }
        if ("monolith".equalsIgnoreCase(override)) {
            return MONOLITH;
        }
        if ("service".equalsIgnoreCase(override)) {
            return route.service();
        }
        return bucket(identity) < route.weight() ? route.service() : MONOLITH;
    }
}
