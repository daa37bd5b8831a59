package dev.fleet.loadtests.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CompareOptionsTest {
    @Test
    void defaultsCoverEveryStageAndTheIssuesScenarios() {
        CompareOptions options = CompareOptions.parse(List.of());
        assertThat(options.rate()).isEqualTo(50);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.ramp()).isEqualTo(Duration.ofSeconds(10));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.stages()).containsExactly("monolith", "strangler", "extracted");
        assertThat(options.scenarios()).containsExactly(Scenario.HEALTHY, Scenario.PRICING_LATENCY, Scenario.CATALOG_KILLED,
                Scenario.KAFKA_RESTART);
        assertThat(options.out()).isEqualTo(Path.of("reports"));
    }

    @Test
    void everyOptionIsRead() {
        CompareOptions options = CompareOptions.parse(List.of("--rate", "200", "--duration", "2m", "--ramp", "0s", "--warmup", "0s",
                "--stages", "extracted,monolith", "--scenarios", "amqp-restart", "--out", "/tmp/x"));
        assertThat(options).isEqualTo(new CompareOptions(200, Duration.ofMinutes(2), Duration.ZERO, Duration.ZERO,
                List.of("extracted", "monolith"), List.of(Scenario.AMQP_RESTART), Path.of("/tmp/x")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--rate|--rate needs a value",
            "--rate 0|--rate must be a number of requests per second from 0 to 2000, got '0'",
            "--rate fast|got 'fast'",
            "--duration 1h|--duration must look like 60s or 5m, got '1h'",
            "--duration 3s|--duration must be at least 4s",
            "--stages monolith,hybrid|unknown stage 'hybrid'",
            "--scenarios healthy,flood|unknown scenario 'flood' (expected healthy, pricing-latency, catalog-killed, kafka-restart, amqp-restart)",
            "--turbo 1|compare: unknown option '--turbo'",
    })
    void badInputIsNamed(String words, String message) {
        assertThatThrownBy(() -> CompareOptions.parse(List.of(words.split(" "))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void scenariosSayWhatTheyDoWithTheFleetCommands() {
        assertThat(Scenario.PRICING_LATENCY.before()).containsExactly(List.of("fault", "pricing-service", "--latency", "2000"));
        assertThat(Scenario.PRICING_LATENCY.after()).containsExactly(List.of("fault", "pricing-service", "--clear"));
        assertThat(Scenario.CATALOG_KILLED.midRun()).containsExactly(List.of("kill", "catalog-service"));
        assertThat(Scenario.CATALOG_KILLED.after()).containsExactly(List.of("start", "catalog-service"));
        assertThat(Scenario.KAFKA_RESTART.midRun()).containsExactly(List.of("restart", "kafka", "--down", "5s"));
        assertThat(Scenario.HEALTHY.before()).isEmpty();
        assertThat(Scenario.HEALTHY.midRun()).isEmpty();
    }
}
