package dev.fleet.app.support;

import dev.fleet.platform.testing.FleetAppExtension;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.catalog.CatalogServiceApplication;
import dev.fleet.services.catalog.CatalogServiceConfiguration;
import dev.fleet.services.pricing.PricingServiceApplication;
import dev.fleet.services.pricing.PricingServiceConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
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

    /**
     * The extracted service in {@code extracted-services/<name>} with its config.yml on random ports; {@code extra}
     * overrides use {@code name} as prefix. The test closes {@code database} (the service may be restarted).
     */
    public static <C extends Configuration> DropwizardAppExtension<C> service(Class<? extends Application<C>> application,
                                                                              String name, TestDatabase database,
                                                                              ConfigOverride... extra) {
        return FleetAppExtension.service(application, configYml(name), name, database, extra);
    }

    /** catalog-service on random ports; {@code extra} overrides use the prefix {@code catalog-service}. */
    public static DropwizardAppExtension<CatalogServiceConfiguration> catalogService(TestDatabase database, ConfigOverride... extra) {
        return service(CatalogServiceApplication.class, "catalog-service", database, extra);
    }

    /**
     * pricing-service on {@code port} (a supplier: known when it starts), reading cars from {@code catalogUrl} and
     * customers from {@code customersUrl}; {@code extra} overrides use the prefix {@code pricing-service}.
     */
    public static DropwizardAppExtension<PricingServiceConfiguration> pricingService(TestDatabase database, Supplier<String> port,
                                                                                     Supplier<String> catalogUrl,
                                                                                     Supplier<String> customersUrl,
                                                                                     ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("pricing-service", "remote.services.catalog", catalogUrl),
                ConfigOverride.config("pricing-service", "remote.services.customers", customersUrl)));
        overrides.addAll(List.of(extra));
        return FleetAppExtension.service(PricingServiceApplication.class, configYml("pricing-service"), "pricing-service",
                database, port, overrides.toArray(ConfigOverride[]::new));
    }

    private static String configYml(String service) {
        return "../../extracted-services/" + service + "/config.yml";
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
