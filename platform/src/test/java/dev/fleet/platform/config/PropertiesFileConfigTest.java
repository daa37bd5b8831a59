package dev.fleet.platform.config;

import com.netflix.config.DynamicPropertyFactory;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import dev.fleet.platform.Http;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The local properties file as a dynamic source, without Consul ({@code consul.url: none}). */
@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(60)
class PropertiesFileConfigTest {
    private static final Duration CHANGE = Duration.ofSeconds(10);
    private static final Path FILE = tempFile();

    private static final DropwizardAppExtension<DynamicConfigApp.Config> APP = new DropwizardAppExtension<>(
            DynamicConfigApp.class, DynamicConfigApp.CONFIG,
            ConfigOverride.config("consul.url", "none"),
            ConfigOverride.config("config.properties", FILE.toString()));

    private static Path tempFile() {
        try {
            Path dir = Files.createTempDirectory("fleet-config");
            dir.toFile().deleteOnExit();
            return dir.resolve("fleet.properties");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void emptyFile() throws Exception {
        write("");
        Await.until("the startup timeout again", CHANGE, () -> timeout() == 2_000);
    }

    @Test
    void aTimeoutInTheFileAppliesWithoutRestartAndRemovingItRestoresTheYamlValue() throws Exception {
        assertThat(call(300).statusCode()).isEqualTo(200);
        assertThat(timeout()).isEqualTo(2_000);

        write(DynamicConfigApp.TIMEOUT + "=100\n");
        Await.until("timeout 100 from the file", CHANGE, () -> timeout() == 100);
        var timedOut = call(300);
        assertThat(timedOut.statusCode()).isEqualTo(503);
        assertThat(timedOut.body()).contains("\"code\":503");

        write("# nothing\n");
        Await.until("timeout back to remote.hystrix's 2 s", CHANGE, () -> timeout() == 2_000);
        assertThat(call(300).statusCode()).isEqualTo(200);
    }

    @Test
    void aBadValueInTheFileIsRejectedCountedAndTheLastGoodValueStays() throws Exception {
        call(0);
        write(DynamicConfigApp.TIMEOUT + "=150\n");
        Await.until("timeout 150", CHANGE, () -> timeout() == 150);
        long rejected = rejected();

        write(DynamicConfigApp.TIMEOUT + "=soon\n");
        Await.until("the rejection counted", CHANGE, () -> rejected() == rejected + 1);
        assertThat(timeout()).isEqualTo(150);

        var view = Http.get(admin("/config"));
        assertThat(view.statusCode()).isEqualTo(200);
        assertThat(view.body()).contains("\"" + DynamicConfigApp.TIMEOUT + "\":\"150\"")
                .contains("\"value\":\"soon\"").contains("not a whole number");

        var post = Http.post(admin("/config"));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(post.body()).contains("\"code\":405").contains("read only");
    }

    @Test
    void theFileBeatsTheStartupDefaults() throws Exception {
        var greeting = DynamicPropertyFactory.getInstance().getStringProperty("fleet.test.greeting", null);
        assertThat(greeting.get()).isEqualTo("from-defaults");
        // the chassis reads config.yml through ConsulSubstitutor: without FLEET_CONSUL_URL a reference is its default
        assertThat(DynamicPropertyFactory.getInstance().getStringProperty("fleet.test.substituted", null).get())
                .isEqualTo("from-yaml-default");

        write("fleet.test.greeting=from-file\n");
        Await.until("the file's greeting", CHANGE, () -> "from-file".equals(greeting.get()));

        write("");
        Await.until("the default greeting again", CHANGE, () -> "from-defaults".equals(greeting.get()));
    }

    static int timeout() {
        return HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey(DynamicConfigApp.OPERATION))
                .getProperties().executionTimeoutInMilliseconds().get();
    }

    private static long rejected() {
        return APP.getEnvironment().metrics().counter(DynamicConfigBundle.REJECTED_METRIC).getCount();
    }

    private static void write(String content) throws IOException {
        // a new file each time (size or mtime changes even within one mtime tick when the content differs)
        Path next = FILE.resolveSibling("next.properties");
        Files.writeString(next, content);
        Files.move(next, FILE, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static java.net.http.HttpResponse<String> call(int millis) throws Exception {
        return Http.get("http://127.0.0.1:" + APP.getLocalPort() + "/call?ms=" + millis);
    }

    private static String admin(String path) {
        return "http://127.0.0.1:" + APP.getAdminPort() + path;
    }
}
