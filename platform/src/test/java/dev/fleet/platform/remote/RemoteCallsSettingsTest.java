package dev.fleet.platform.remote;

import com.netflix.hystrix.HystrixCommandProperties;
import com.netflix.hystrix.HystrixThreadPoolKey;
import com.netflix.hystrix.HystrixThreadPoolProperties;
import com.netflix.hystrix.strategy.properties.HystrixPropertiesFactory;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code remote} block: per-service Hystrix overrides on top of {@code remote.hystrix}. */
class RemoteCallsSettingsTest {

    private static final String BASE = """
            services:
              billing: http://127.0.0.1:9030
              catalog: http://127.0.0.1:9010
            hystrix:
              executionTimeout: 800ms
              sleepWindow: 3s
            """;

    private static RemoteCallsSettings parse(String yaml) throws Exception {
        // the factory Dropwizard builds the app configuration with (it fails on unknown fields)
        var factory = new DefaultConfigurationFactoryFactory<RemoteCallsSettings>()
                .create(RemoteCallsSettings.class, Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        return factory.build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "remote.yml");
    }

    @Test
    void anOverrideSetsOnlyTheFieldsItNamesTheRestComeFromRemoteHystrix() throws Exception {
        RemoteCallsSettings settings = parse(BASE + """
                overrides:
                  billing:
                    hystrix:
                      executionTimeout: 2s
                      threadPoolCoreSize: 4
                """);

        HystrixCommandProperties.Setter billing = settings.hystrix("billing").commandProperties();
        assertThat(billing.getExecutionTimeoutInMilliseconds()).isEqualTo(2000);           // overridden
        assertThat(settings.hystrix("billing").threadPoolProperties().getCoreSize()).isEqualTo(4); // overridden
        assertThat(billing.getCircuitBreakerSleepWindowInMilliseconds()).isEqualTo(3000);  // remote.hystrix
        assertThat(billing.getCircuitBreakerRequestVolumeThreshold()).isEqualTo(20);       // remote.hystrix default
        assertThat(billing.getCircuitBreakerErrorThresholdPercentage()).isEqualTo(50);
        assertThat(billing.getMetricsRollingStatisticalWindowInMilliseconds()).isEqualTo(10_000);
        assertThat(billing.getMetricsHealthSnapshotIntervalInMilliseconds()).isEqualTo(500);
    }

    @Test
    void aServiceWithoutOverrideGetsRemoteHystrixWhichOverridesLeaveUnchanged() throws Exception {
        RemoteCallsSettings settings = parse(BASE + """
                overrides:
                  billing:
                    hystrix:
                      executionTimeout: 2s
                      sleepWindow: 1s
                """);
        settings.hystrix("billing");

        HystrixCommandProperties.Setter catalog = settings.hystrix("catalog").commandProperties();
        assertThat(catalog.getExecutionTimeoutInMilliseconds()).isEqualTo(800);
        assertThat(catalog.getCircuitBreakerSleepWindowInMilliseconds()).isEqualTo(3000);
        assertThat(settings.hystrix("catalog").threadPoolProperties().getCoreSize()).isEqualTo(10);
        assertThat(settings.hystrix().commandProperties().getExecutionTimeoutInMilliseconds()).isEqualTo(800);
    }

    @Test
    void everyOverrideFieldCanBeSet() throws Exception {
        RemoteCallsSettings settings = parse(BASE + """
                overrides:
                  catalog:
                    hystrix:
                      executionTimeout: 250ms
                      threadPoolCoreSize: 30
                      requestVolumeThreshold: 5
                      errorThresholdPercentage: 25
                      sleepWindow: 700ms
                      rollingWindow: 20s
                      healthSnapshotInterval: 100ms
                """);
        HystrixCommandProperties.Setter catalog = settings.hystrix("catalog").commandProperties();
        assertThat(catalog.getExecutionTimeoutInMilliseconds()).isEqualTo(250);
        assertThat(catalog.getCircuitBreakerRequestVolumeThreshold()).isEqualTo(5);
        assertThat(catalog.getCircuitBreakerErrorThresholdPercentage()).isEqualTo(25);
        assertThat(catalog.getCircuitBreakerSleepWindowInMilliseconds()).isEqualTo(700);
        assertThat(catalog.getMetricsRollingStatisticalWindowInMilliseconds()).isEqualTo(20_000);
        assertThat(catalog.getMetricsHealthSnapshotIntervalInMilliseconds()).isEqualTo(100);
        HystrixThreadPoolProperties.Setter pool = settings.hystrix("catalog").threadPoolProperties();
        assertThat(pool.getCoreSize()).isEqualTo(30);
        assertThat(pool.getMetricsRollingStatisticalWindowInMilliseconds()).isEqualTo(20_000);
    }

    @Test
    void anOverrideOfAnUnknownServiceFailsValidationNamingIt() {
        assertThatThrownBy(() -> parse(BASE + """
                overrides:
                  biling:
                    hystrix:
                      executionTimeout: 2s
                  catalog:
                    hystrix:
                      executionTimeout: 2s
                """))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("overrides names services not listed under services: [biling] (known: [billing, catalog])");
    }

    @Test
    void anOverrideValueOutOfRangeFailsValidation() {
        assertThatThrownBy(() -> parse(BASE + """
                overrides:
                  billing:
                    hystrix:
                      errorThresholdPercentage: 101
                      threadPoolCoreSize: 0
                """))
                .isInstanceOf(ConfigurationValidationException.class)
                .hasMessageContaining("errorThresholdPercentage must be less than or equal to 100")
                .hasMessageContaining("threadPoolCoreSize must be greater than or equal to 1");
    }

    @Test
    void anUnknownOverrideFieldFailsParsing() {
        assertThatThrownBy(() -> parse(BASE + """
                overrides:
                  billing:
                    hystrix:
                      executionTimout: 2s
                """))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("executionTimout");
    }

    @Test
    void theServiceItBuildsRunsCommandsWithItsOverriddenSettings() throws Exception {
        // a service name of its own: Hystrix keeps properties per key for the whole JVM
        RemoteCallsSettings settings = parse("""
                services:
                  settings-test: http://127.0.0.1:1
                hystrix:
                  executionTimeout: 800ms
                overrides:
                  settings-test:
                    hystrix:
                      executionTimeout: 1500ms
                      threadPoolCoreSize: 3
                """);
        Environment environment = new Environment("settings-test");
        RemoteService service = settings.service(environment, "settings-test");
        RemoteCall<String> call = service.command("settingsTestCall", t -> t.request().get(),
                r -> r.readEntity(String.class), Fallback.failFast(java.time.Duration.ofSeconds(1)));

        assertThat(call.getProperties().executionTimeoutInMilliseconds().get()).isEqualTo(1500);
        assertThat(call.getProperties().circuitBreakerSleepWindowInMilliseconds().get()).isEqualTo(5000);
        HystrixThreadPoolProperties pool = HystrixPropertiesFactory.getThreadPoolProperties(
                HystrixThreadPoolKey.Factory.asKey("settings-test"), null);
        assertThat(call.getThreadPoolKey().name()).isEqualTo("settings-test");
        assertThat(pool.coreSize().get()).isEqualTo(3);
    }

    @Test
    void aTargetIsLookedUpInConsulUnderItsConsulNameElseItsOwn() throws Exception {
        RemoteCallsSettings settings = parse(BASE + """
                consulNames:
                  catalog: catalog-service
                """);
        assertThat(settings.consulName("catalog")).isEqualTo("catalog-service");
        assertThat(settings.consulName("billing")).isEqualTo("billing");
    }

    @Test
    void onlyAFailedConnectionCountsForTheRetryNotATimeoutOrAnAnswer() {
        assertThat(RemoteCall.connectionFailed(new jakarta.ws.rs.ProcessingException(new java.net.ConnectException("refused")))).isTrue();
        assertThat(RemoteCall.connectionFailed(new jakarta.ws.rs.ProcessingException(new java.net.SocketException("Connection reset")))).isTrue();
        assertThat(RemoteCall.connectionFailed(new jakarta.ws.rs.ProcessingException(
                new org.apache.hc.core5.http.NoHttpResponseException("127.0.0.1:9010 failed to respond")))).isTrue();
        assertThat(RemoteCall.connectionFailed(new jakarta.ws.rs.ProcessingException(new java.net.SocketTimeoutException("Read timed out")))).isFalse();
        assertThat(RemoteCall.connectionFailed(new jakarta.ws.rs.ProcessingException("bad JSON"))).isFalse();
    }
}
