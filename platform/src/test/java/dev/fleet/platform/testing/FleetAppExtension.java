package dev.fleet.platform.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts a Fleet app (the monolith or an extracted service) the way tests want it: its real config.yml (relative
 * to the module's directory), random ports, a fresh {@link TestDatabase} that is dropped when the app stops, quiet
 * logs. Plus the few helpers every app test needs.
 */
public final class FleetAppExtension {

    /** What {@link ConfigOverride#config(String, String)} prefixes a key with. */
    private static final String DEFAULT_PREFIX = "dw";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private FleetAppExtension() {
    }

    public static <C extends Configuration> DropwizardAppExtension<C> app(
            Class<? extends Application<C>> application, TestDatabase database, ConfigOverride... extra) {
        return new DropwizardAppExtension<>(application, "config.yml", overrides(DEFAULT_PREFIX, database, () -> "0", extra)) {
            @Override
            public void after() {
                try {
                    super.after();
                } finally {
                    database.close();
                }
            }
        };
    }

    /**
     * Another app in the same JVM (an extracted service next to the monolith or to another service): its own
     * config.yml at {@code configPath} (relative to the test's module), {@code database}, random ports, and overrides
     * under {@code prefix} — its own system properties, so they cannot leak into the other app's configuration.
     * {@code database} stays open when the app stops (a test may stop and restart it): the test closes it.
     */
    public static <C extends Configuration> DropwizardAppExtension<C> service(
            Class<? extends Application<C>> application, String configPath, String prefix, TestDatabase database,
            ConfigOverride... extra) {
        return service(application, configPath, prefix, database, () -> "0", extra);
    }

    /** {@link #service(Class, String, String, TestDatabase, ConfigOverride...)} on API port {@code port}, known when it starts. */
    public static <C extends Configuration> DropwizardAppExtension<C> service(
            Class<? extends Application<C>> application, String configPath, String prefix, TestDatabase database,
            Supplier<String> port, ConfigOverride... extra) {
        return new DropwizardAppExtension<>(application, configPath, prefix, overrides(prefix, database, port, extra));
    }

    /** Random admin port, the test database, quiet logs, then {@code extra} (Dropwizard applies them as a set: no key twice). */
    private static ConfigOverride[] overrides(String prefix, TestDatabase database, Supplier<String> port, ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config(prefix, "server.applicationConnectors[0].port", port),
                ConfigOverride.config(prefix, "server.adminConnectors[0].port", "0"),
                ConfigOverride.config(prefix, "database.url", database.url()),
                ConfigOverride.config(prefix, "database.user", database.user()),
                ConfigOverride.config(prefix, "database.password", ""),
                ConfigOverride.config(prefix, "logging.level", "WARN")));
        overrides.addAll(List.of(extra));
        return overrides.toArray(ConfigOverride[]::new);
    }

    /** A target on the application port, e.g. {@code api(APP, "/api/cars")}. */
    public static WebTarget api(DropwizardAppExtension<?> app, String path) {
        return app.client().target("http://127.0.0.1:" + app.getLocalPort() + path);
    }

    /** Parses a response body; decimals stay {@link java.math.BigDecimal} so money keeps its scale. */
    public static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("response is not JSON: " + body, e);
        }
    }

    /** A JSON body from raw text, so tests can send malformed or wrongly typed JSON too. */
    public static Entity<String> json(String body) {
        return Entity.entity(body, MediaType.APPLICATION_JSON_TYPE);
    }

    /** A JSON {@code {"code","message"}} error with this status whose message names the problem, without a stack trace. */
    public static JsonNode assertError(Response response, int status, String messagePart) {
        String body = response.readEntity(String.class);
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        assertThat(response.getMediaType().toString()).startsWith("application/json");
        JsonNode error = parse(body);
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(error.get("message").asText()).contains(messagePart);
        assertThat(body).doesNotContain("Exception", "\tat ");
        return error;
    }

    /** The chassis' admin endpoints answer: {@code /hystrix.stream} streams, {@code POST /tasks/fault} reports its rule. */
    public static void assertChassisAdmin(DropwizardAppExtension<?> app) throws Exception {
        String admin = "http://127.0.0.1:" + app.getAdminPort();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(admin + "/hystrix.stream"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            // a heartbeat, or a command's data once the app has run one
            assertThat(reader.readLine()).matches("(ping|data): .*");
        }
        HttpResponse<String> fault = http.send(HttpRequest.newBuilder(URI.create(admin + "/tasks/fault"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fault.statusCode()).isEqualTo(200);
        assertThat(fault.body()).contains("fault injection off");
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(admin + "/tasks/fault?latencyMs=-1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    }

    /** {@code SELECT COUNT(*) …} with positional arguments. */
    public static int count(TestDatabase database, String sql, Object... args) {
        return database.jdbi().withHandle(handle -> {
            var query = handle.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Integer.class).one();
        });
    }

    /** Whether the database has this table (in the current schema, H2 or PostgreSQL). */
    public static boolean tableExists(TestDatabase database, String table) {
        return count(database, "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = ? AND LOWER(table_schema) = LOWER(CURRENT_SCHEMA)",
                table.toLowerCase(java.util.Locale.ROOT)) > 0;
    }

    /** Polls a count until it equals {@code expected}; fails at once if it goes above (a duplicate). */
    public static void awaitCount(TestDatabase database, String what, int expected, String sql, Object... args) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            seen = count(database, sql, args);
            assertThat(seen).as(what + ": more than expected means a duplicate").isLessThanOrEqualTo(expected);
            if (seen == expected) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what + ": " + seen + " of " + expected);
    }
}
