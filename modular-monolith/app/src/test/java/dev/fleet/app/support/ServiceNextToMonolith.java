package dev.fleet.app.support;

import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.platform.Http;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static dev.fleet.app.support.Monolith.api;
import static dev.fleet.app.support.Monolith.json;
import static dev.fleet.app.support.Monolith.parse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An extracted service and the monolith with that module remote, in one JVM (real HTTP, each on its own test
 * database): the service starts first so that the monolith's {@code remote.services.<module>} can name its port, and
 * they stop in reverse. A test class registers it with {@code @RegisterExtension static final … APPS = …}: it starts
 * before the class's {@code @BeforeAll} methods and stops after its {@code @AfterAll} ones. Plus the checks the tests
 * of such a pair share.
 */
public final class ServiceNextToMonolith<C extends Configuration> implements BeforeAllCallback, AfterAllCallback {

    public static final String ADA = "c0000000-0000-4000-8000-000000000001";

    public final TestDatabase serviceDb = TestDatabase.create();
    public final TestDatabase monolithDb = TestDatabase.create();
    public final DropwizardAppExtension<C> service;
    public final DropwizardAppExtension<FleetConfiguration> monolith;

    /**
     * {@code module} (e.g. {@code billing}) runs in the service {@code name} (e.g. {@code billing-service}, see
     * {@link Services#service}), which gets {@code serviceExtra} (prefix {@code name}); the monolith gets
     * {@code <module>.mode: remote}, {@code remote.services.<module>} pointing at the service, and {@code monolithExtra}.
     */
    public ServiceNextToMonolith(Class<? extends Application<C>> application, String name, String module,
                                 List<ConfigOverride> serviceExtra, ConfigOverride... monolithExtra) {
        service = Services.service(application, name, serviceDb, serviceExtra.toArray(ConfigOverride[]::new));
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config(module + ".mode", "remote"),
                // the port is known once the service runs (it starts first)
                ConfigOverride.config("remote.services." + module, () -> "http://127.0.0.1:" + service.getLocalPort())));
        overrides.addAll(List.of(monolithExtra));
        monolith = Monolith.app(monolithDb, overrides.toArray(ConfigOverride[]::new));
    }

    /**
     * The service and the monolith on one broker: {@code brokerSetting} (e.g. {@code amqp.uri}) is {@code broker} in
     * both, and the monolith's outbox relay polls every 50 ms so that messages leave quickly.
     */
    public static <C extends Configuration> ServiceNextToMonolith<C> onOneBroker(Class<? extends Application<C>> application,
                                                                                 String name, String module,
                                                                                 String brokerSetting, Supplier<String> broker,
                                                                                 ConfigOverride... serviceExtra) {
        List<ConfigOverride> service = new ArrayList<>(List.of(ConfigOverride.config(name, brokerSetting, broker)));
        service.addAll(List.of(serviceExtra));
        return new ServiceNextToMonolith<>(application, name, module, service,
                ConfigOverride.config(brokerSetting, broker), ConfigOverride.config("outbox.pollInterval", "50ms"));
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        service.before();
        monolith.before();
    }

    /** Stops both; the monolith's database goes with it, the service's is closed here. */
    @Override
    public void afterAll(ExtensionContext context) {
        try {
            monolith.after();
        } finally {
            service.after();
            serviceDb.close();
        }
    }

    /** Reserves {@code carId} for ADA through the monolith, for 3 days from {@code days} days from now; the id. */
    public static String reserve(DropwizardAppExtension<FleetConfiguration> monolith, String carId, int days) {
        LocalDate from = LocalDate.now(ZoneOffset.UTC).plusDays(days);
        var response = api(monolith, "/api/reservations").request().post(json("{\"customerId\":\"" + ADA
                + "\",\"carId\":\"" + carId + "\",\"from\":\"" + from + "\",\"to\":\"" + from.plusDays(3) + "\"}"));
        String body = response.readEntity(String.class);
        assertThat(response.getStatus()).as(body).isEqualTo(201);
        return parse(body).get("id").asText();
    }

    /** GET {@code path?name=value} on the app's API port, the value URL-encoded exactly as given. */
    public static HttpResponse<String> get(DropwizardAppExtension<?> app, String path, String name, String value) throws Exception {
        String query = value == null ? "" : "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        return Http.get("http://127.0.0.1:" + app.getLocalPort() + path + query);
    }

    /**
     * {@code GET path?name=…} with malformed values (and without the parameter) answers through the monolith exactly as
     * the service answers it: the service runs the module, so its answer is the module's in-process (local mode) one.
     * Without the parameter it is 422 "{@code <name> is required}".
     */
    public void assertBadValuesAnsweredAsTheServiceDoes(String path, String name) throws Exception {
        for (String bad : Arrays.asList(null, "", "   ", "bad id!", "x".repeat(37), "{x}", "a&b=c", "50%", "a+b", "ü")) {
            assertSameClientError(get(monolith, path, name, bad), get(service, path, name, bad), name + "=" + bad);
        }
        HttpResponse<String> missing = get(monolith, path, name, null);
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(parse(missing.body())).isEqualTo(parse(
                "{\"code\":422,\"message\":\"" + name + " is required\",\"errors\":[\"" + name + " is required\"]}"));
    }

    /**
     * The bad-input answer through the monolith (remote adapter) equals the service's own, which is what the module
     * answers in process (local mode): same status, same JSON {@code code}, {@code message} and {@code errors}.
     */
    private static void assertSameClientError(HttpResponse<String> throughMonolith, HttpResponse<String> fromService, String input) {
        assertThat(fromService.statusCode()).as("the service judges %s a client error", input).isBetween(400, 499);
        assertThat(throughMonolith.statusCode()).as(input).isEqualTo(fromService.statusCode());
        assertThat(throughMonolith.headers().firstValue("Content-Type")).as(input)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(parse(throughMonolith.body())).as(input).isEqualTo(parse(fromService.body()));
    }

    /** {@code command} ran as a Hystrix command of {@code group}, in {@code group}'s thread pool. */
    public static void assertRanAsCommandOf(String command, String group) {
        HystrixCommandMetrics metrics = HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey(command));
        assertThat(metrics).as("the call ran as Hystrix command " + command).isNotNull();
        assertThat(metrics.getCommandGroup().name()).isEqualTo(group);
        assertThat(metrics.getThreadPoolKey().name()).isEqualTo(group);
    }

    /**
     * Hystrix counted failures of {@code command} in {@code group} (health counts: what the circuit breaker reads;
     * they lag by a snapshot interval, so poll).
     */
    public static void awaitFailuresCounted(String command, String group) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HystrixCommandMetrics.HealthCounts counts = null;
        while (System.nanoTime() < deadline) {
            HystrixCommandMetrics metrics = HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey(command));
            counts = metrics == null ? null : metrics.getHealthCounts();
            if (counts != null && counts.getErrorCount() > 0) {
                assertRanAsCommandOf(command, group);
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(command + " health counts show no failure: " + counts);
    }
}
