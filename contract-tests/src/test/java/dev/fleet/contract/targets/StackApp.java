package dev.fleet.contract.targets;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.app.FleetApplication;
import dev.fleet.brokers.TestAmqp;
import dev.fleet.brokers.TestKafka;
import dev.fleet.contract.Http;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.billing.BillingServiceApplication;
import dev.fleet.services.catalog.CatalogServiceApplication;
import dev.fleet.services.pricing.PricingServiceApplication;
import dev.fleet.services.notification.NotificationServiceApplication;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One Fleet app of a {@link TestStack}: its real config.yml, its own fresh {@link TestDatabase}, a random admin port,
 * quiet logs, plus the overrides a target names ({@link #set}, {@link #remote}, {@link #withAmqp}, {@link #withKafka}).
 * Overrides use the app's name as system-property prefix, so two apps in one JVM never see each other's.
 */
public final class StackApp {

    private final String name;
    private final BiFunction<String, ConfigOverride[], DropwizardTestSupport<?>> factory;
    private final Map<String, Supplier<String>> settings = new LinkedHashMap<>();
    private DropwizardTestSupport<?> support;
    private TestDatabase database;
    private Integer pinnedPort;

    private StackApp(String name, BiFunction<String, ConfigOverride[], DropwizardTestSupport<?>> factory) {
        this.name = name;
        this.factory = factory;
    }

    /** Paths are relative to contract-tests/, the directory surefire runs in. */
    private static <C extends Configuration> StackApp of(String name, Class<? extends Application<C>> application, String config) {
        return new StackApp(name, (prefix, overrides) -> new DropwizardTestSupport<>(application, config, prefix, overrides));
    }

    public static StackApp monolith() {
        return of("monolith", FleetApplication.class, "../modular-monolith/app/config.yml");
    }

    public static StackApp catalogService() {
        return of("catalog-service", CatalogServiceApplication.class, "../extracted-services/catalog-service/config.yml");
    }

    public static StackApp pricingService() {
        return of("pricing-service", PricingServiceApplication.class, "../extracted-services/pricing-service/config.yml");
    }

    public static StackApp billingService() {
        return of("billing-service", BillingServiceApplication.class, "../extracted-services/billing-service/config.yml");
    }

    public static StackApp notificationService() {
        return of("notification-service", NotificationServiceApplication.class, "../extracted-services/notification-service/config.yml");
    }

    public String name() {
        return name;
    }

    /** A config.yml setting, e.g. {@code set("catalog.mode", "remote")}. */
    public StackApp set(String key, String value) {
        return set(key, () -> value);
    }

    /** A setting known only when the app starts (another app's URL, a broker's address). */
    public StackApp set(String key, Supplier<String> value) {
        settings.put(key, value);
        return this;
    }

    /** {@code remote.services.<service>} = the other app's base URL (it may start before or after this one). */
    public StackApp remote(String service, StackApp target) {
        // Contracts check answers, not speed: the shipped 500 ms client / 1 s Hystrix timeouts turned a slow moment of
        // a loaded CI machine into a 503 fallback and a failed contract. Timeouts are tested in PricingFailureIsolationTest.
        return set("remote.services." + service, () -> target.url().toString())
                .set("remote.client.timeout", "5s")
                .set("remote.client.connectionTimeout", "2s")
                .set("remote.hystrix.executionTimeout", "10s");
    }

    /** Charge commands through the test run's AMQP broker (embedded, or FLEET_IT_RABBITMQ). */
    public StackApp withAmqp() {
        return set("amqp.uri", () -> TestAmqp.uri().toString()).set("amqp.retryDelay", "200ms");
    }

    /** Reservation events through the test run's Kafka (embedded, or FLEET_IT_KAFKA). */
    public StackApp withKafka() {
        return set("kafka.bootstrapServers", TestKafka::bootstrapServers);
    }

    /**
     * The app's API base URL. Asked before the app runs (an app started earlier needs this one's URL: a cycle such
     * as monolith ⇄ pricing-service), it pins the app to a free port now, which the app then starts on.
     */
    public synchronized URI url() {
        if (support != null) {
            return URI.create("http://127.0.0.1:" + support.getLocalPort());
        }
        if (pinnedPort == null) {
            pinnedPort = freePort();
        }
        return URI.create("http://127.0.0.1:" + pinnedPort);
    }

    public Http http() {
        return new Http(url());
    }

    /** The app's own JSON mapper (what it writes messages with). */
    public ObjectMapper objectMapper() {
        if (support == null) {
            throw new IllegalStateException(name + " is not running");
        }
        return support.getObjectMapper();
    }

    synchronized void start() throws Exception {
        database = TestDatabase.create();
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config(name, "server.applicationConnectors[0].port", () -> pinnedPort == null ? "0" : pinnedPort.toString()),
                ConfigOverride.config(name, "server.adminConnectors[0].port", "0"),
                ConfigOverride.config(name, "database.url", database.url()),
                ConfigOverride.config(name, "database.user", database.user()),
                ConfigOverride.config(name, "database.password", ""),
                ConfigOverride.config(name, "logging.level", "WARN")));
        settings.forEach((key, value) -> overrides.add(ConfigOverride.config(name, key, value)));
        DropwizardTestSupport<?> starting = factory.apply(name, overrides.toArray(ConfigOverride[]::new));
        try {
            starting.before();
        } catch (Exception | Error e) {
            try {
                starting.after(); // whatever part of it started
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            database.close();
            throw e;
        }
        support = starting;
    }

    synchronized void stop() {
        try {
            if (support != null) {
                support.after();
            }
        } finally {
            support = null;
            pinnedPort = null;
            if (database != null) {
                database.close();
                database = null;
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for a test app", e);
        }
    }
}
