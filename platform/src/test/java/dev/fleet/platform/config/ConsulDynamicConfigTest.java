package dev.fleet.platform.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import com.netflix.hystrix.HystrixEventType;
import com.netflix.hystrix.HystrixThreadPoolKey;
import com.netflix.hystrix.HystrixThreadPoolMetrics;
import dev.fleet.platform.Http;
import dev.fleet.platform.consul.ConsulSettings;
import dev.fleet.platform.testing.TestConsul;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.KeyValueClient;

import java.io.BufferedReader;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.fleet.platform.config.DynamicConfigApp.CORE_SIZE;
import static dev.fleet.platform.config.DynamicConfigApp.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consul KV as a live source of Hystrix properties, against a real agent ({@link TestConsul}): the app's command
 * runs with {@code remote.hystrix}'s 2 s timeout until a KV key says otherwise.
 */
@Tag("consul")
@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(90)
class ConsulDynamicConfigTest {
    private static final Duration CHANGE = Duration.ofSeconds(10);
    private static final String APP_KV = AppDynamicConfig.KV_ROOT + DynamicConfigApp.NAME + "/";
    private static final String SHARED_KV = AppDynamicConfig.KV_ROOT + AppDynamicConfig.SHARED + "/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final DropwizardAppExtension<DynamicConfigApp.Config> APP = new DropwizardAppExtension<>(
            DynamicConfigApp.class, DynamicConfigApp.CONFIG,
            ConfigOverride.config("consul.url", () -> TestConsul.url().toString()));

    private static Consul consul;

    private static KeyValueClient kv() {
        if (consul == null) {
            consul = ConsulSettings.client(TestConsul.url());
        }
        return consul.keyValueClient();
    }

    @AfterEach
    void removeKeys() {
        kv().deleteKey(APP_KV + TIMEOUT);
        kv().deleteKey(SHARED_KV + TIMEOUT);
        kv().deleteKey(APP_KV + CORE_SIZE);
        kv().deleteKey(APP_KV + "hystrix.command." + DynamicConfigApp.OPERATION + ".execution.isolation.thread.timeout");
        Await.until("the startup timeout again", CHANGE, () -> timeout() == 2_000);
    }

    @AfterAll
    static void closeClient() {
        if (consul != null) {
            consul.destroy();
        }
    }

    @Test
    void aKvTimeoutTimesCallsOutWithoutRestartShowsInTheStreamAndDeletingItRestoresTheYamlValue() throws Exception {
        assertThat(call(400).statusCode()).isEqualTo(200);
        HystrixCommandMetrics metrics = metrics();
        long timeoutsBefore = metrics.getCumulativeCount(HystrixEventType.TIMEOUT);
        assertThat(timeout()).isEqualTo(2_000);

        kv().putValue(APP_KV + TIMEOUT, "100");
        Await.until("timeout 100 from Consul KV", CHANGE, () -> timeout() == 100);
        HttpResponse<String> timedOut = call(400);
        assertThat(timedOut.statusCode()).isEqualTo(503);
        assertThat(timedOut.headers().firstValue("Retry-After")).hasValue("1");
        Await.until("a TIMEOUT event counted", CHANGE,
                () -> metrics.getCumulativeCount(HystrixEventType.TIMEOUT) > timeoutsBefore);
        assertThat(streamedTimeout()).isEqualTo(100);

        kv().deleteKey(APP_KV + TIMEOUT);
        Await.until("timeout back to remote.hystrix's 2 s", CHANGE, () -> timeout() == 2_000);
        assertThat(call(400).statusCode()).isEqualTo(200);
        assertThat(streamedTimeout()).isEqualTo(2_000);
    }

    @Test
    void badKvValuesAreRejectedCountedAndThePreviousValueStays() throws Exception {
        call(0);
        kv().putValue(APP_KV + TIMEOUT, "150");
        Await.until("timeout 150", CHANGE, () -> timeout() == 150);

        long rejected = rejected();
        for (String bad : new String[] {"fast", "-5", "0", "86400000", ""}) {
            kv().putValue(APP_KV + TIMEOUT, bad);
            long expected = rejected + 1;
            Await.until("'" + bad + "' rejected", CHANGE, () -> rejected() == expected);
            rejected = expected;
            assertThat(timeout()).as("after '%s'", bad).isEqualTo(150);
        }
        // an unknown property name (a typo) under hystrix.* is refused too, not stored for nobody to read
        String typo = "hystrix.command." + DynamicConfigApp.OPERATION + ".execution.isolation.thread.timeout";
        kv().putValue(APP_KV + typo, "100");
        long expected = rejected + 1;
        Await.until("the unknown property rejected", CHANGE, () -> rejected() == expected);
        assertThat(com.netflix.config.ConfigurationManager.getConfigInstance().getProperty(typo)).isNull();

        JsonNode view = JSON.readTree(Http.get(admin("/config")).body());
        assertThat(view.path("effective").path(TIMEOUT).asText()).isEqualTo("150");
        assertThat(view.path("rejectedCount").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(view.path("rejected").get(0).path("property").asText()).isEqualTo(typo);
        assertThat(view.path("rejected").get(0).path("reason").asText()).contains("unknown Hystrix command property");
        assertThat(view.path("rejected").get(1).path("reason").asText()).contains("empty value");

        // a good value after bad ones applies
        kv().putValue(APP_KV + TIMEOUT, "175");
        Await.until("timeout 175", CHANGE, () -> timeout() == 175);
    }

    @Test
    void theAppKeyOverridesTheSharedKey() {
        call0();
        kv().putValue(SHARED_KV + TIMEOUT, "300");
        Await.until("the shared 300", CHANGE, () -> timeout() == 300);

        kv().putValue(APP_KV + TIMEOUT, "250");
        Await.until("the app's 250", CHANGE, () -> timeout() == 250);
        kv().putValue(SHARED_KV + TIMEOUT, "350");
        // the shared change must not win: give it the time a change takes, then look again
        Await.until("the shared 350 seen by the app's source", CHANGE,
                () -> "350".equals(layerValue("Consul KV " + SHARED_KV, TIMEOUT)));
        assertThat(timeout()).isEqualTo(250);

        kv().deleteKey(APP_KV + TIMEOUT);
        Await.until("the shared 350 once the app key is gone", CHANGE, () -> timeout() == 350);
    }

    @Test
    void aThreadPoolCoreSizeChangesLive() throws Exception {
        call0();
        HystrixThreadPoolMetrics pool = HystrixThreadPoolMetrics.getInstance(
                HystrixThreadPoolKey.Factory.asKey(DynamicConfigApp.SERVICE));
        assertThat(pool.getCurrentCorePoolSize().intValue()).isEqualTo(10);

        kv().putValue(APP_KV + CORE_SIZE, "3");
        Await.until("coreSize 3 in the pool's properties", CHANGE, () -> pool.getProperties().coreSize().get() == 3);
        call0(); // Hystrix resizes the pool on its next use
        assertThat(pool.getCurrentCorePoolSize().intValue()).isEqualTo(3);

        // raising it again must not break the pool (Hystrix alone would on Java 9+: Netflix/Hystrix#1874)
        kv().deleteKey(APP_KV + CORE_SIZE);
        Await.until("coreSize 10 again", CHANGE, () -> pool.getProperties().coreSize().get() == 10);
        call0();
        assertThat(pool.getCurrentCorePoolSize().intValue()).isEqualTo(10);
        kv().putValue(APP_KV + CORE_SIZE, "12");
        Await.until("coreSize 12", CHANGE, () -> pool.getProperties().coreSize().get() == 12);
        call0();
        assertThat(pool.getCurrentCorePoolSize().intValue()).isEqualTo(12);
        assertThat(pool.getCurrentMaximumPoolSize().intValue()).isEqualTo(12);
    }

    private static String layerValue(String source, String key) {
        for (PropertyLayer layer : bundleConfig().layers()) {
            if (layer.source().equals(source)) {
                return layer.values().get(key);
            }
        }
        return null;
    }

    private static AppDynamicConfig bundleConfig() {
        return APP.getEnvironment().lifecycle().getManagedObjects().stream()
                .filter(io.dropwizard.lifecycle.JettyManaged.class::isInstance)
                .map(io.dropwizard.lifecycle.JettyManaged.class::cast)
                .map(io.dropwizard.lifecycle.JettyManaged::getManaged)
                .filter(AppDynamicConfig.class::isInstance)
                .map(AppDynamicConfig.class::cast)
                .findFirst().orElseThrow();
    }

    /** The timeout in the first {@code HystrixCommand} event for the command on the app's {@code /hystrix.stream}. */
    private static int streamedTimeout() throws Exception {
        HttpResponse<InputStream> stream = Http.openStream(admin("/hystrix.stream"));
        try (BufferedReader lines = Http.lines(stream)) {
            String line = Http.readUntil(lines, Duration.ofSeconds(8), l -> l.startsWith("data: ")
                    && l.contains("\"type\":\"HystrixCommand\"")
                    && l.contains("\"name\":\"" + DynamicConfigApp.OPERATION + "\""));
            return JSON.readTree(line.substring("data: ".length()))
                    .path("propertyValue_executionIsolationThreadTimeoutInMilliseconds").asInt();
        }
    }

    private static HystrixCommandMetrics metrics() {
        return HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey(DynamicConfigApp.OPERATION));
    }

    static int timeout() {
        return metrics().getProperties().executionTimeoutInMilliseconds().get();
    }

    private static long rejected() {
        return APP.getEnvironment().metrics().counter(DynamicConfigBundle.REJECTED_METRIC).getCount();
    }

    private static void call0() {
        try {
            assertThat(call(0).statusCode()).isEqualTo(200);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> call(int millis) throws Exception {
        return Http.get("http://127.0.0.1:" + APP.getLocalPort() + "/call?ms=" + millis);
    }

    private static String admin(String path) {
        return "http://127.0.0.1:" + APP.getAdminPort() + path;
    }
}
