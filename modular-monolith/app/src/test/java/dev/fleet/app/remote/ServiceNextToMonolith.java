package dev.fleet.app.remote;

import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.platform.Http;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.fleet.app.support.Monolith.api;
import static dev.fleet.app.support.Monolith.json;
import static dev.fleet.app.support.Monolith.parse;
import static org.assertj.core.api.Assertions.assertThat;

/** Helpers for the tests that run an extracted service and the monolith (in that module's remote mode) in one JVM. */
final class ServiceNextToMonolith {

    static final String ADA = "c0000000-0000-4000-8000-000000000001";

    private ServiceNextToMonolith() {
    }

    /**
     * An extracted service with its own config.yml and database on random ports. Its overrides use the service's name
     * as prefix, so they cannot leak into the monolith's configuration.
     */
    static <C extends Configuration> DropwizardAppExtension<C> service(Class<? extends Application<C>> application,
                                                                       String name, TestDatabase database,
                                                                       ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config(name, "server.applicationConnectors[0].port", "0"),
                ConfigOverride.config(name, "server.adminConnectors[0].port", "0"),
                ConfigOverride.config(name, "database.url", database.url()),
                ConfigOverride.config(name, "database.user", database.user()),
                ConfigOverride.config(name, "database.password", ""),
                ConfigOverride.config(name, "logging.level", "WARN")));
        overrides.addAll(List.of(extra));
        return new DropwizardAppExtension<>(application, "../../extracted-services/" + name + "/config.yml", name,
                overrides.toArray(ConfigOverride[]::new));
    }

    /** Reserves {@code carId} for ADA through the monolith, for 3 days from {@code days} days from now; the id. */
    static String reserve(DropwizardAppExtension<FleetConfiguration> monolith, String carId, int days) {
        LocalDate from = LocalDate.now(ZoneOffset.UTC).plusDays(days);
        var response = api(monolith, "/api/reservations").request().post(json("{\"customerId\":\"" + ADA
                + "\",\"carId\":\"" + carId + "\",\"from\":\"" + from + "\",\"to\":\"" + from.plusDays(3) + "\"}"));
        String body = response.readEntity(String.class);
        assertThat(response.getStatus()).as(body).isEqualTo(201);
        return parse(body).get("id").asText();
    }

    /** GET {@code path?name=value} on the app's API port, the value URL-encoded exactly as given. */
    static HttpResponse<String> get(DropwizardAppExtension<?> app, String path, String name, String value) throws Exception {
        String query = value == null ? "" : "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        return Http.get("http://127.0.0.1:" + app.getLocalPort() + path + query);
    }

    /**
     * The bad-input answer through the monolith (remote adapter) equals the service's own, which is what the module
     * answers in process (local mode): same status, same JSON {@code code}, {@code message} and {@code errors}.
     */
    static void assertSameClientError(HttpResponse<String> throughMonolith, HttpResponse<String> fromService, String input) {
        assertThat(fromService.statusCode()).as("the service judges %s a client error", input).isBetween(400, 499);
        assertThat(throughMonolith.statusCode()).as(input).isEqualTo(fromService.statusCode());
        assertThat(throughMonolith.headers().firstValue("Content-Type")).as(input)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(parse(throughMonolith.body())).as(input).isEqualTo(parse(fromService.body()));
    }

    /**
     * Hystrix counted failures of {@code command} in {@code group} (health counts: what the circuit breaker reads;
     * they lag by a snapshot interval, so poll).
     */
    static void awaitFailuresCounted(String command, String group) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HystrixCommandMetrics.HealthCounts counts = null;
        while (System.nanoTime() < deadline) {
            HystrixCommandMetrics metrics = HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey(command));
            counts = metrics == null ? null : metrics.getHealthCounts();
            if (counts != null && counts.getErrorCount() > 0) {
                assertThat(metrics.getCommandGroup().name()).isEqualTo(group);
                assertThat(metrics.getThreadPoolKey().name()).isEqualTo(group);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(command + " health counts show no failure: " + counts);
    }
}
