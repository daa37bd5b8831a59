package dev.fleet.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad value of ./fleet up is refused with a message naming the option and what it expects. */
class UpOptionsTest {

    @Test
    void defaultsAreTheMonolithStageOnEmbeddedEverything() {
        UpOptions o = UpOptions.defaults();
        assertThat(o.stage()).isEqualTo(Stage.MONOLITH);
        assertThat(o.instancesOf(AppKind.CATALOG_SERVICE)).isEqualTo(1);
        assertThat(o.consulUrl()).isNull();
        assertThat(o.kafka()).isNull();
        assertThat(o.amqpUri()).isNull();
        assertThat(o.dbUrl()).isNull();
        assertThat(o.portOffset()).isZero();
    }

    @Test
    void everyOptionIsRead() {
        UpOptions o = UpOptions.parse(List.of("--stage", "extracted", "--instances=catalog-service=2", "--consul", "http://c:8500",
                "--kafka", "k:9092", "--amqp", "amqp://r:5672", "--db-url", "jdbc:postgresql://p/fleet", "--port-offset", "7"));
        assertThat(o.stage()).isEqualTo(Stage.EXTRACTED);
        assertThat(o.instancesOf(AppKind.CATALOG_SERVICE)).isEqualTo(2);
        assertThat(o.consulUrl()).isEqualTo("http://c:8500");
        assertThat(o.kafka()).isEqualTo("k:9092");
        assertThat(o.amqpUri()).isEqualTo("amqp://r:5672");
        assertThat(o.dbUrl()).isEqualTo("jdbc:postgresql://p/fleet");
        assertThat(o.portOffset()).isEqualTo(7);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--stage|bogus|unknown stage 'bogus' (expected monolith, strangler or extracted)",
            "--instances|catalog-service=0|--instances: catalog-service=0 needs a count from 1 to 5",
            "--instances|catalog-service=9|needs a count from 1 to 5",
            "--instances|catalog-service|needs a count from 1 to 5",
            "--instances|shop=2|--instances: unknown app 'shop' (apps: monolith, catalog-service",
            "--instances|turbine=2|--instances: turbine runs once",
            "--consul|127.0.0.1:8500|--consul: '127.0.0.1:8500' is not an http(s) URL",
            "--kafka|http://k:9092|--kafka: 'http://k:9092' is not HOST:PORT",
            "--amqp|rabbit:5672|--amqp: 'rabbit:5672' is not an amqp:// URI",
            "--db-url|jdbc:h2:mem:x|--db-url: 'jdbc:h2:mem:x' is not a PostgreSQL JDBC URL",
            "--port-offset|-1|--port-offset: '-1' must be a whole number from 0 to 20000",
            "--port-offset|ten|--port-offset: 'ten' must be a whole number",
            "--colour|on|unknown option '--colour' for up",
    })
    void aBadValueIsNamed(String option, String value, String message) {
        assertThatThrownBy(() -> UpOptions.parse(List.of(option, value)))
                .isInstanceOf(UsageException.class).hasMessageContaining(message);
    }

    @Test
    void aMissingValueOrAStrayArgumentIsNamed() {
        assertThatThrownBy(() -> UpOptions.parse(List.of("--stage"))).isInstanceOf(UsageException.class)
                .hasMessage("--stage needs a value");
        assertThatThrownBy(() -> UpOptions.parse(List.of("strangler"))).isInstanceOf(UsageException.class)
                .hasMessage("unexpected argument 'strangler'");
    }
}
