package dev.fleet.platform.hystrix;

import com.netflix.hystrix.strategy.HystrixPlugins;
import com.netflix.hystrix.strategy.metrics.HystrixMetricsPublisherDefault;
import dev.fleet.platform.Http;
import dev.fleet.platform.TestApp;
import dev.fleet.platform.TestCommand;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Stopping the app ends open streams and frees Hystrix for the next app in the JVM. */
@Timeout(20)
class HystrixLifecycleTest {

    @Test
    void stopEndsOpenStreamsPromptlyAndTheNextAppCanUseHystrix() throws Exception {
        DropwizardTestSupport<Configuration> first = new DropwizardTestSupport<>(TestApp.class, TestApp.CONFIG);
        first.before();
        HttpResponse<InputStream> stream = Http.openStream("http://127.0.0.1:" + first.getAdminPort() + "/hystrix.stream");
        BufferedReader lines = Http.lines(stream);
        assertThat(Http.readUntil(lines, Duration.ofSeconds(2), line -> !line.isEmpty())).isEqualTo("ping: ");

        long start = System.nanoTime();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(first::after);
        // read to the end: the server must close the stream instead of waiting out the grace period
        while (lines.readLine() != null) {
            // drain
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        stopping.get(5, TimeUnit.SECONDS);
        // stop reset the plugins
        assertThat(HystrixPlugins.getInstance().getMetricsPublisher()).isInstanceOf(HystrixMetricsPublisherDefault.class);
        HystrixPlugins.reset();

        DropwizardTestSupport<Configuration> second = new DropwizardTestSupport<>(TestApp.class, TestApp.CONFIG);
        second.before();
        try {
            assertThat(new TestCommand(false).execute()).isEqualTo("ok");
            assertThat(second.getEnvironment().metrics().getGauges()).containsKey("TestGroup.TestCommand.countSuccess");
        } finally {
            second.after();
        }
    }
}
