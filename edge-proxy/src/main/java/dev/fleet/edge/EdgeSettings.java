package dev.fleet.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The edge's startup settings: classpath {@code edge.properties} (defaults), then the file named by
 * {@code FLEET_EDGE_CONFIG} (if set), then environment variables {@code FLEET_EDGE_<KEY>} where KEY is the property
 * name without {@code edge.}, camelCase and dots turned into UPPER_SNAKE ({@code edge.adminPort} →
 * {@code FLEET_EDGE_ADMIN_PORT}), then explicit overrides (tests). {@code FLEET_CONSUL_URL} sets {@code edge.consulUrl}.
 */
public final class EdgeSettings {
    /** The apps the edge can route to; their origin (VIP) names are the Consul service names. */
    public static final List<String> APPS =
            List.of("monolith", "catalog-service", "pricing-service", "billing-service", "notification-service");

    private final Map<String, String> values;

    private EdgeSettings(Map<String, String> values) {
        this.values = values;
    }

    public static EdgeSettings load(Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> v = new LinkedHashMap<>();
        try (InputStream in = EdgeSettings.class.getResourceAsStream("/edge.properties")) {
            putAll(v, in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read edge.properties", e);
        }
        String file = env.get("FLEET_EDGE_CONFIG");
        if (file != null && !file.isBlank()) {
            try (Reader r = Files.newBufferedReader(Path.of(file))) {
                Properties p = new Properties();
                p.load(r);
                p.forEach((k, val) -> v.put(k.toString(), val.toString().trim()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read FLEET_EDGE_CONFIG " + file + ": " + e.getMessage(), e);
            }
        }
        for (String key : List.copyOf(v.keySet())) {
            String e = env.get(envName(key));
            if (e != null) {
                v.put(key, e.trim());
            }
        }
        String consul = env.get("FLEET_CONSUL_URL");
        if (consul != null && !consul.isBlank()) {
            v.put("edge.consulUrl", consul.trim());
        }
        v.putAll(overrides);
        return new EdgeSettings(v);
    }

    private static void putAll(Map<String, String> v, InputStream in) throws IOException {
        Properties p = new Properties();
        p.load(in);
        p.forEach((k, val) -> v.put(k.toString(), val.toString().trim()));
    }

    /** {@code edge.rateLimit.capacity} → {@code FLEET_EDGE_RATE_LIMIT_CAPACITY}. */
    static String envName(String key) {
        String k = key.startsWith("edge.") ? key.substring(5) : key;
        return "FLEET_EDGE_" + k.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('.', '_').replace('-', '_')
                .toUpperCase();
    }

    public String get(String key) {
        String v = values.get(key);
        return v == null || v.isBlank() || v.equals("none") ? null : v;
    }

    public String get(String key, String dflt) {
        String v = get(key);
        return v == null ? dflt : v;
    }

    public int getInt(String key, int dflt) {
        String v = get(key);
        try {
            return v == null ? dflt : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'");
        }
    }

    public long getLong(String key, long dflt) {
        String v = get(key);
        try {
            return v == null ? dflt : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'");
        }
    }

    /** All settings starting with {@code prefix}, with the prefix. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k, v);
            }
        });
        return m;
    }
}
