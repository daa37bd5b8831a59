package dev.fleet.platform.hystrix;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.config.ConfigurationManager;
import dev.fleet.platform.Http;
import dev.fleet.platform.TestApp;
import dev.fleet.platform.TestCommand;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(15)
class HystrixMetricsAndHealthTest {
    private static final DropwizardAppExtension<Configuration> APP =
            new DropwizardAppExtension<>(TestApp.class, TestApp.CONFIG);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FORCE_OPEN = "hystrix.command." + TestCommand.KEY + ".circuitBreaker.forceOpen";
    private static final String VOLUME = "hystrix.command." + TestCommand.KEY + ".circuitBreaker.requestVolumeThreshold";
    private static final String SNAPSHOT = "hystrix.command." + TestCommand.KEY + ".metrics.healthSnapshot.intervalInMilliseconds";

    @BeforeEach
    @AfterEach
    void reset() {
        for (String property : List.of(FORCE_OPEN, VOLUME, SNAPSHOT)) {
            ConfigurationManager.getConfigInstance().clearProperty(property);
        }
        ((TestApp) APP.getApplication()).hystrix.resetHystrix();
    }

    private String admin(String path) {
        return "http://127.0.0.1:" + APP.getAdminPort() + path;
    }

    @Test
    void publishesCommandAndThreadPoolGaugesIntoTheMetricRegistry() {
        new TestCommand(false).execute();

        var gauges = APP.getEnvironment().metrics().getGauges();
        assertThat(gauges).containsKeys(
                "TestGroup.TestCommand.countSuccess",
                "TestGroup.TestCommand.isCircuitBreakerOpen",
                "HystrixThreadPool.TestGroup.threadActiveCount");
        Gauge<?> requests = gauges.get("TestGroup.TestCommand.countSuccess");
        assertThat(((Number) requests.getValue()).longValue()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void republishesAfterAReset() {
        new TestCommand(false).execute();
        ((TestApp) APP.getApplication()).hystrix.resetHystrix();
        // same metric names again: must replace the old gauges, not fail the command
        assertThat(new TestCommand(false).execute()).isEqualTo("ok");
        assertThat(APP.getEnvironment().metrics().getGauges()).containsKey("TestGroup.TestCommand.isCircuitBreakerOpen");
    }

    @Test
    void exposesDropwizardMetricsInPrometheusFormat() throws Exception {
        new TestCommand(false).execute();

        HttpResponse<String> response = Http.get(admin("/prometheus"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body())
                .contains("# TYPE TestGroup_TestCommand_isCircuitBreakerOpen gauge")
                .containsPattern("(?m)^HystrixThreadPool_TestGroup_threadActiveCount \\d")
                // a Jetty metric Dropwizard registers (JVM metrics come from Application.run, which tests bypass)
                .containsPattern("(?m)^io_dropwizard_jetty_MutableServletContextHandler_active_requests\\S* \\d");
    }

    @Test
    void healthCheckNamesOpenCircuits() throws Exception {
        new TestCommand(false).execute();
        JsonNode healthy = JSON.readTree(Http.get(admin("/healthcheck")).body()).path("hystrix");
        assertThat(healthy.path("healthy").asBoolean()).isTrue();
        assertThat(healthy.path("message").asText()).contains("no open circuits");

        ConfigurationManager.getConfigInstance().setProperty(FORCE_OPEN, true);
        assertThat(new TestCommand(false).execute()).isEqualTo("fallback"); // short-circuited

        HttpResponse<String> response = Http.get(admin("/healthcheck"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        JsonNode hystrix = JSON.readTree(response.body()).path("hystrix");
        assertThat(hystrix.path("healthy").asBoolean()).isFalse();
        assertThat(hystrix.path("message").asText()).isEqualTo("open circuits: " + TestCommand.KEY + " (forced)");
    }

    @Test
    void healthCheckReportsACircuitTrippedByFailures() throws Exception {
        ConfigurationManager.getConfigInstance().setProperty(VOLUME, 3);
        ConfigurationManager.getConfigInstance().setProperty(SNAPSHOT, 50);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        JsonNode hystrix;
        do {
            new TestCommand(true).execute(); // fails, counted in the health snapshot
            Thread.sleep(100);
            hystrix = JSON.readTree(Http.get(admin("/healthcheck")).body()).path("hystrix");
        } while (hystrix.path("healthy").asBoolean() && System.nanoTime() < deadline);
        assertThat(hystrix.path("healthy").asBoolean()).isFalse();
        assertThat(hystrix.path("message").asText()).isEqualTo("open circuits: " + TestCommand.KEY);
    }
}
