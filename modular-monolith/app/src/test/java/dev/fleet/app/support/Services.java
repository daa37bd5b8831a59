package dev.fleet.app.support;

import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.catalog.CatalogServiceApplication;
import dev.fleet.services.catalog.CatalogServiceConfiguration;
import dev.fleet.services.pricing.PricingServiceApplication;
import dev.fleet.services.pricing.PricingServiceConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Extracted services started next to the monolith in one JVM, each with its own config.yml, database and config
 * prefix (so its overrides cannot leak into the monolith's), plus a plain HTTP client for answers whose timing or
 * 503 matters: the test client (Apache HttpClient 5) honours {@code Retry-After} and silently retries a 503 once.
 */
public final class Services {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Services() {
    }

    /** catalog-service on random ports. */
    public static DropwizardAppExtension<CatalogServiceConfiguration> catalogService(TestDatabase database) {
        return new DropwizardAppExtension<>(CatalogServiceApplication.class,
                "../../extracted-services/catalog-service/config.yml", "catalog-service",
                overrides("catalog-service", database, () -> "0").toArray(ConfigOverride[]::new));
    }

    /**
     * pricing-service on {@code port} (a supplier: known when it starts), reading cars from {@code catalogUrl} and
     * customers from {@code customersUrl}; {@code extra} overrides use the prefix {@code pricing-service}.
     */
    public static DropwizardAppExtension<PricingServiceConfiguration> pricingService(TestDatabase database, Supplier<String> port,
                                                                                     Supplier<String> catalogUrl,
                                                                                     Supplier<String> customersUrl,
                                                                                     ConfigOverride... extra) {
        List<ConfigOverride> overrides = overrides("pricing-service", database, port);
        overrides.add(ConfigOverride.config("pricing-service", "remote.services.catalog", catalogUrl));
        overrides.add(ConfigOverride.config("pricing-service", "remote.services.customers", customersUrl));
        overrides.addAll(List.of(extra));
        return new DropwizardAppExtension<>(PricingServiceApplication.class,
                "../../extracted-services/pricing-service/config.yml", "pricing-service", overrides.toArray(ConfigOverride[]::new));
    }

    private static List<ConfigOverride> overrides(String prefix, TestDatabase database, Supplier<String> port) {
        return new ArrayList<>(List.of(
                ConfigOverride.config(prefix, "server.applicationConnectors[0].port", port),
                ConfigOverride.config(prefix, "server.adminConnectors[0].port", "0"),
                ConfigOverride.config(prefix, "database.url", database.url()),
                ConfigOverride.config(prefix, "database.user", database.user()),
                ConfigOverride.config(prefix, "database.password", ""),
                ConfigOverride.config(prefix, "logging.level", "WARN")));
    }

    /**
     * A port nothing listens on right now, for an app that must be named before it starts (two apps calling each
     * other: the monolith calls pricing-service, which asks the monolith for customers).
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    public static HttpResponse<String> post(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
