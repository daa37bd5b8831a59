package dev.fleet.platform.hystrix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.io.BufferedReader;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(20)
class HystrixStreamTest {
    private static final DropwizardAppExtension<Configuration> APP =
            new DropwizardAppExtension<>(TestApp.class, TestApp.CONFIG);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<HttpResponse<InputStream>> opened = new ArrayList<>();

    @BeforeEach
    void resetHystrix() {
        ((TestApp) APP.getApplication()).hystrix.resetHystrix();
    }

    @AfterEach
    void closeStreams() throws Exception {
        for (HttpResponse<InputStream> stream : opened) {
            stream.body().close();
        }
        // the server notices a closed connection on its next write; the next test needs free slots
        awaitOpenStreams(((TestApp) APP.getApplication()).hystrix.streamServlet(), 0);
    }

    private String streamUrl() {
        return "http://127.0.0.1:" + APP.getAdminPort() + "/hystrix.stream";
    }

    private HttpResponse<InputStream> open(String... headers) throws Exception {
        HttpResponse<InputStream> response = Http.openStream(streamUrl(), headers);
        opened.add(response);
        return response;
    }

    @Test
    void streamsCommandAndThreadPoolDataInTheDashboardFormat() throws Exception {
        TestCommand.startRollingCounters();
        for (int i = 0; i < 3; i++) {
            assertThat(new TestCommand(false).execute()).isEqualTo("ok");
        }
        assertThat(new TestCommand(true).execute()).isEqualTo("fallback");

        HttpResponse<InputStream> response = open();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream;charset=UTF-8");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(response.headers().firstValue("Pragma")).hasValue("no-cache");

        BufferedReader lines = Http.lines(response);
        // rolling counts lag one 1-second bucket: read until the counts show what ran
        String commandLine = Http.readUntil(lines, Duration.ofSeconds(8), line -> {
            JsonNode json = data(line);
            return json != null && json.path("type").asText().equals("HystrixCommand")
                    && json.path("name").asText().equals(TestCommand.KEY)
                    && json.path("rollingCountSuccess").asLong() == 3
                    && json.path("rollingCountFailure").asLong() == 1;
        });
        JsonNode command = data(commandLine);
        assertThat(command.path("group").asText()).isEqualTo(TestCommand.GROUP);
        assertThat(command.path("threadPool").asText()).isEqualTo(TestCommand.GROUP);
        assertThat(command.path("isCircuitBreakerOpen").isBoolean()).isTrue();
        assertThat(command.path("requestCount").asLong()).isEqualTo(4);
        assertThat(command.path("errorCount").asLong()).isEqualTo(1);
        assertThat(command.path("errorPercentage").asLong()).isEqualTo(25);
        assertThat(command.path("rollingCountFallbackSuccess").asLong()).isEqualTo(1);
        assertThat(command.path("rollingCountEmit").asLong()).isZero();
        assertThat(command.path("propertyValue_executionIsolationStrategy").asText()).isEqualTo("THREAD");
        assertThat(command.path("reportingHosts").asLong()).isEqualTo(1);
        assertIntegers(command, "currentTime", "errorPercentage", "errorCount", "requestCount",
                "rollingCountSuccess", "rollingCountFailure", "rollingCountTimeout", "rollingCountShortCircuited",
                "rollingCountThreadPoolRejected", "rollingCountSemaphoreRejected", "rollingCountFallbackSuccess",
                "rollingCountFallbackFailure", "rollingCountFallbackRejection", "rollingCountFallbackMissing",
                "rollingCountExceptionsThrown", "rollingCountBadRequests", "rollingCountCollapsedRequests",
                "rollingCountEmit", "rollingCountFallbackEmit", "rollingCountResponsesFromCache",
                "rollingMaxConcurrentExecutionCount", "currentConcurrentExecutionCount",
                "latencyExecute_mean", "latencyTotal_mean",
                "propertyValue_circuitBreakerRequestVolumeThreshold",
                "propertyValue_circuitBreakerSleepWindowInMilliseconds",
                "propertyValue_circuitBreakerErrorThresholdPercentage",
                "propertyValue_executionIsolationThreadTimeoutInMilliseconds",
                "propertyValue_executionTimeoutInMilliseconds",
                "propertyValue_executionIsolationSemaphoreMaxConcurrentRequests",
                "propertyValue_fallbackIsolationSemaphoreMaxConcurrentRequests",
                "propertyValue_metricsRollingStatisticalWindowInMilliseconds",
                "reportingHosts");
        assertBooleans(command, "isCircuitBreakerOpen",
                "propertyValue_circuitBreakerForceOpen", "propertyValue_circuitBreakerForceClosed",
                "propertyValue_circuitBreakerEnabled", "propertyValue_executionIsolationThreadInterruptOnTimeout",
                "propertyValue_requestCacheEnabled", "propertyValue_requestLogEnabled");
        assertThat(command.has("propertyValue_executionIsolationStrategy")).isTrue();
        assertThat(command.has("propertyValue_executionIsolationThreadPoolKeyOverride")).isTrue();
        // percentiles stay 0 until the first percentile bucket rolls, but the dashboard needs the keys
        for (String latency : List.of("latencyExecute", "latencyTotal")) {
            assertIntegers(command.path(latency), "0", "25", "50", "75", "90", "95", "99", "99.5", "100");
        }

        String poolLine = Http.readUntil(lines, Duration.ofSeconds(8), line -> {
            JsonNode json = data(line);
            return json != null && json.path("type").asText().equals("HystrixThreadPool")
                    && json.path("name").asText().equals(TestCommand.GROUP)
                    && json.path("rollingCountThreadsExecuted").asLong() == 4;
        });
        JsonNode pool = data(poolLine);
        assertIntegers(pool, "currentTime", "currentActiveCount", "currentCompletedTaskCount", "currentCorePoolSize",
                "currentLargestPoolSize", "currentMaximumPoolSize", "currentPoolSize", "currentQueueSize",
                "currentTaskCount", "rollingCountThreadsExecuted", "rollingMaxActiveThreads",
                "rollingCountCommandRejections", "propertyValue_queueSizeRejectionThreshold",
                "propertyValue_metricsRollingStatisticalWindowInMilliseconds", "reportingHosts");
        assertThat(pool.path("currentCompletedTaskCount").asLong()).isEqualTo(4);
        assertThat(pool.path("rollingCountCommandRejections").asLong()).isZero();
        assertThat(pool.path("reportingHosts").asLong()).isEqualTo(1);
    }

    @Test
    void sendsPingsWhenNoCommandHasRun() throws Exception {
        BufferedReader lines = Http.lines(open());
        long start = System.nanoTime();
        String first = Http.readUntil(lines, Duration.ofSeconds(2), line -> !line.isEmpty());
        assertThat(first).isEqualTo("ping: ");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void refusesASixthStreamAndAcceptsAgainAfterOneCloses() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(open().statusCode()).isEqualTo(200);
        }
        HttpResponse<String> sixth = Http.get(streamUrl());
        assertThat(sixth.statusCode()).isEqualTo(503);
        assertThat(sixth.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode error = JSON.readTree(sixth.body());
        assertThat(error.path("code").asInt()).isEqualTo(503);
        assertThat(error.path("message").asText()).contains("max 5");

        opened.remove(0).body().close();
        // the server notices the closed connection on its next write (every 500 ms)
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        HttpResponse<InputStream> again = open();
        while (again.statusCode() == 503 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            again = open();
        }
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Http.readUntil(Http.lines(again), Duration.ofSeconds(2), line -> !line.isEmpty())).startsWith("ping: ");
    }

    @Test
    void releasesTheSlotWhenTheClientDisconnects() throws Exception {
        HystrixStreamServlet servlet = ((TestApp) APP.getApplication()).hystrix.streamServlet();
        HttpResponse<InputStream> stream = open();
        Http.readUntil(Http.lines(stream), Duration.ofSeconds(2), line -> !line.isEmpty());
        assertThat(servlet.openStreams()).isEqualTo(1);
        stream.body().close();
        awaitOpenStreams(servlet, 0);
    }

    @Test
    void isNeverGzipped() throws Exception {
        // control: Dropwizard's gzip handler is active on the admin port (big JSON gets compressed) ...
        HttpResponse<byte[]> metrics = Http.CLIENT.send(Http.request("http://127.0.0.1:" + APP.getAdminPort() + "/metrics")
                .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(metrics.headers().firstValue("Content-Encoding")).hasValue("gzip");
        // ... but not on the stream
        HttpResponse<InputStream> response = open("Accept-Encoding", "gzip");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        // plain text on the wire, not a gzip header
        assertThat(Http.readUntil(Http.lines(response), Duration.ofSeconds(2), line -> !line.isEmpty())).isEqualTo("ping: ");
    }

    private static void awaitOpenStreams(HystrixStreamServlet servlet, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (servlet.openStreams() != expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(servlet.openStreams()).isEqualTo(expected);
    }

    static JsonNode data(String line) {
        if (!line.startsWith("data: ")) {
            return null;
        }
        try {
            return JSON.readTree(line.substring("data: ".length()));
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static void assertIntegers(JsonNode json, String... fields) {
        for (String field : fields) {
            assertThat(json.has(field)).as("field %s present in %s", field, json).isTrue();
            assertThat(json.get(field).isIntegralNumber()).as("field %s is an integer: %s", field, json.get(field)).isTrue();
        }
    }

    private static void assertBooleans(JsonNode json, String... fields) {
        for (String field : fields) {
            assertThat(json.has(field)).as("field %s present", field).isTrue();
            assertThat(json.get(field).isBoolean()).as("field %s is a boolean: %s", field, json.get(field)).isTrue();
        }
    }
}
