package dev.fleet.launcher;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The apps the launcher runs, in start order: where each jar is, its default ports (ARCHITECTURE.md), heap and
 * health endpoint. Dropwizard apps take {@code server config.yml}; the edge, Turbine and the dashboard only a jar.
 */
public enum AppKind {
    MONOLITH("monolith", "modular-monolith/app", "fleet-monolith", 9000, 9001, "384m", "/healthcheck", true),
    CATALOG_SERVICE("catalog-service", "extracted-services/catalog-service", "catalog-service", 9010, 9011, "256m", "/healthcheck", true),
    PRICING_SERVICE("pricing-service", "extracted-services/pricing-service", "pricing-service", 9020, 9021, "256m", "/healthcheck", true),
    BILLING_SERVICE("billing-service", "extracted-services/billing-service", "billing-service", 9030, 9031, "256m", "/healthcheck", true),
    NOTIFICATION_SERVICE("notification-service", "extracted-services/notification-service", "notification-service", 9040, 9041, "256m", "/healthcheck", true),
    EDGE("edge-proxy", "edge-proxy", "edge-proxy", 8080, 8081, "256m", "/health", false),
    TURBINE("turbine", "turbine", "turbine", 8989, 0, "160m", "/clusters", false),
    DASHBOARD("hystrix-dashboard", "hystrix-dashboard", "hystrix-dashboard", 7979, 0, "96m", "/", false);

    /** Up to this many instances of one app: instance n (1-based) listens on port + 2(n-1), admin + 2(n-1). */
    public static final int MAX_INSTANCES = 5;

    private final String appName;
    private final String module;
    private final String jar;
    private final int port;
    private final int adminPort;
    private final String heap;
    private final String healthPath;
    private final boolean dropwizard;

    AppKind(String appName, String module, String jar, int port, int adminPort, String heap, String healthPath,
            boolean dropwizard) {
        this.appName = appName;
        this.module = module;
        this.jar = jar;
        this.port = port;
        this.adminPort = adminPort;
        this.heap = heap;
        this.healthPath = healthPath;
        this.dropwizard = dropwizard;
    }

    public String appName() {
        return appName;
    }

    /** The module folder, relative to the repository root. */
    public String module() {
        return module;
    }

    public Path jar(Path root) {
        return root.resolve(module).resolve("target").resolve(jar + ".jar");
    }

    /** The Dropwizard app's config.yml (every setting from FLEET_* variables). */
    public Path config(Path root) {
        return root.resolve(module).resolve("config.yml");
    }

    public int defaultPort() {
        return port;
    }

    /** 0 when the app has no separate admin port (Turbine, the dashboard). */
    public int defaultAdminPort() {
        return adminPort;
    }

    public String heap() {
        return heap;
    }

    public String healthPath() {
        return healthPath;
    }

    public boolean isDropwizard() {
        return dropwizard;
    }

    /** Only the Dropwizard apps and the edge can run several instances side by side. */
    public boolean scalable() {
        return dropwizard;
    }

    public static List<AppKind> dropwizardApps() {
        return Arrays.stream(values()).filter(AppKind::isDropwizard).toList();
    }

    public static Optional<AppKind> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.appName.equals(name)).findFirst();
    }

    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(AppKind::appName).toList());
    }
}
