package dev.fleet.platform.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import dev.fleet.platform.Http;
import dev.fleet.platform.consul.ConsulSettings;
import dev.fleet.platform.testing.TestConsul;
import io.dropwizard.lifecycle.JettyManaged;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kiwiproject.consul.Consul;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;

import static dev.fleet.platform.config.DynamicConfigApp.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consul unreachable while the app runs (its connection to the agent cut by a {@link TcpProxy}; the shared test agent
 * itself keeps running): the last KV values stay, the outage is logged once, and changes made meanwhile apply once
 * Consul answers again.
 */
@Tag("consul")
@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(120)
class ConsulOutageTest {
    private static final String KEY = AppDynamicConfig.KV_ROOT + DynamicConfigApp.NAME + "/" + TIMEOUT;
    private static TcpProxy proxy;
    private static Consul consul;

    private static final DropwizardAppExtension<DynamicConfigApp.Config> APP = new DropwizardAppExtension<>(
            DynamicConfigApp.class, DynamicConfigApp.CONFIG,
            ConfigOverride.config("consul.url", () -> "http://127.0.0.1:" + proxy().port()));

    private static synchronized TcpProxy proxy() {
        if (proxy == null) {
            URI agent = TestConsul.url();
            try {
                proxy = new TcpProxy(agent.getHost(), agent.getPort()).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            consul = ConsulSettings.client(agent);
        }
        return proxy;
    }

    /** The proxy stays up (a daemon): @AfterAll runs before the app stops, and cutting it then is another outage. */
    @AfterAll
    static void cleanUp() {
        if (consul != null) {
            consul.keyValueClient().deleteKey(KEY);
            consul.destroy();
        }
    }

    @Test
    void whileConsulIsUnreachableTheLastValuesStayTheOutageIsLoggedOnceAndLaterChangesApplyOnRecovery()
            throws Exception {
        assertThat(call(0)).isEqualTo(200);
        consul.keyValueClient().putValue(KEY, "150");
        Await.until("timeout 150 from KV", Duration.ofSeconds(10), () -> timeout() == 150);

        AppDynamicConfig config = appConfig();
        Logger logger = (Logger) LoggerFactory.getLogger(AppDynamicConfig.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.INFO); // the recovery is an INFO line
        logger.addAppender(log);
        try {
            proxy.cut();
            // both watches (app and shared prefix) fail and retry with a 1-10 s back-off
            Await.until("three failed KV polls", Duration.ofSeconds(45), () -> config.consulFailures() >= 3);
            assertThat(config.consulReachable()).isFalse();
            assertThat(timeout()).isEqualTo(150);
            assertThat(call(300)).as("the kept 150 ms timeout still applies").isEqualTo(503);
            assertThat(log.list.stream().filter(e -> e.getLevel() == Level.WARN
                    && e.getFormattedMessage().contains("unreachable"))).hasSize(1);

            consul.keyValueClient().putValue(KEY, "250");
            proxy.start();
            Await.until("the value written during the outage", Duration.ofSeconds(30), () -> timeout() == 250);
            assertThat(config.consulReachable()).isTrue();
            assertThat(log.list.stream().filter(e -> e.getFormattedMessage().contains("reachable again"))).hasSize(1);
        } finally {
            logger.detachAppender(log);
            logger.setLevel(level);
        }
    }

    private static AppDynamicConfig appConfig() {
        return APP.getEnvironment().lifecycle().getManagedObjects().stream()
                .filter(JettyManaged.class::isInstance)
                .map(managed -> ((JettyManaged) managed).getManaged())
                .filter(AppDynamicConfig.class::isInstance)
                .map(AppDynamicConfig.class::cast)
                .findFirst().orElseThrow();
    }

    private static int timeout() {
        return HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey(DynamicConfigApp.OPERATION))
                .getProperties().executionTimeoutInMilliseconds().get();
    }

    private static int call(int millis) throws Exception {
        return Http.get("http://127.0.0.1:" + APP.getLocalPort() + "/call?ms=" + millis).statusCode();
    }
}
