package dev.fleet.platform.config;

import com.netflix.config.DynamicPropertyFactory;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Apps come and go in one test JVM: a stopped app's sources must not leave their values behind. */
@Timeout(60)
class SourcesLeaveWithTheAppTest {

    @Test
    void aStoppedAppsValuesFallBackAndASecondAppBringsItsOwn() throws Exception {
        Path dir = Files.createTempDirectory("fleet-config");
        Path file = Files.writeString(dir.resolve("first.properties"), "fleet.test.owner=first-file\n");
        var owner = DynamicPropertyFactory.getInstance().getStringProperty("fleet.test.owner", "nobody");

        var first = app(file);
        first.before();
        try {
            assertThat(owner.get()).isEqualTo("first-file");
        } finally {
            first.after();
        }
        assertThat(owner.get()).isEqualTo("nobody");

        Path second = Files.writeString(dir.resolve("second.properties"), "fleet.test.owner=second-file\n");
        var next = app(second);
        next.before();
        try {
            assertThat(owner.get()).isEqualTo("second-file");
            Files.writeString(second, "");
            Await.until("the emptied file seen", Duration.ofSeconds(10), () -> owner.get().equals("nobody"));
        } finally {
            next.after();
            Files.deleteIfExists(file);
            Files.deleteIfExists(second);
            Files.deleteIfExists(dir);
        }
    }

    private static DropwizardTestSupport<DynamicConfigApp.Config> app(Path file) {
        return new DropwizardTestSupport<>(DynamicConfigApp.class, DynamicConfigApp.CONFIG,
                ConfigOverride.config("consul.url", "none"),
                ConfigOverride.config("config.properties", file.toString()));
    }
}
