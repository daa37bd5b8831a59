package dev.fleet.launcher;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The three stages of the migration the launcher can run (docs/launcher.md, ADR 0012). Every app runs in every
 * stage; a stage decides the monolith's module modes (branch by abstraction), whether catalog-service is a copy or
 * the owner of the cars, whether billing-/notification-service consume the brokers, and the edge weights (strangler
 * fig).
 * <ul>
 *   <li>{@code monolith}: every answer comes from the monolith; catalog-service follows as a read-only copy (bulk sync
 *       plus CarChanged events) and pricing-service runs in the shadow (parallel run: compared, never answering).</li>
 *   <li>{@code strangler}: the cut-over is done — the monolith reaches catalog, pricing, billing and notifications
 *       through their services (remote modes) and the edge sends half of the clients straight to the services.</li>
 *   <li>{@code extracted}: the same, with every client of those paths sent to the services.</li>
 * </ul>
 */
public enum Stage {
    MONOLITH(0, false),
    STRANGLER(50, true),
    EXTRACTED(100, true);

    /** The edge routes the launcher sets a weight for: route name → the service behind it. */
    public static final Map<String, String> ROUTES = routes();

    private final int weight;
    private final boolean cutOver;

    Stage(int weight, boolean cutOver) {
        this.weight = weight;
        this.cutOver = cutOver;
    }

    public static Stage parse(String value) {
        return Arrays.stream(values()).filter(s -> s.label().equals(value)).findFirst()
                .orElseThrow(() -> new UsageException("unknown stage '" + value + "' (expected monolith, strangler or extracted)"));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The share (0–100) of clients the edge sends to each extracted service. */
    public int weight() {
        return weight;
    }

    /** True once catalog-service owns the cars and the monolith calls every extracted module remotely. */
    public boolean cutOver() {
        return cutOver;
    }

    /** The monolith's module modes. */
    public Map<String, String> monolithModes() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FLEET_CATALOG_MODE", cutOver ? "remote" : "local");
        env.put("FLEET_PRICING_MODE", cutOver ? "remote" : "parallel");
        env.put("FLEET_BILLING_MODE", cutOver ? "remote" : "local");
        env.put("FLEET_NOTIFICATIONS_MODE", cutOver ? "remote" : "local");
        return env;
    }

    /** {@code route.<name>.weight} for every strangled route. */
    public Map<String, String> routeWeights() {
        Map<String, String> weights = new LinkedHashMap<>();
        ROUTES.keySet().forEach(route -> weights.put("route." + route + ".weight", Integer.toString(weight)));
        return weights;
    }

    private static Map<String, String> routes() {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put("cars", "catalog-service");
        routes.put("quotes", "pricing-service");
        routes.put("invoices", "billing-service");
        routes.put("notifications", "notification-service");
        return java.util.Collections.unmodifiableMap(routes);
    }
}
