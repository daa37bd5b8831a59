package dev.fleet.platform.messaging.kafka;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.hystrix.HystrixCommandMetrics;
import com.netflix.hystrix.exception.HystrixRuntimeException;
import dev.fleet.brokers.EmbeddedKafkaExtension;
import dev.fleet.platform.outbox.OutboxMessage;
import io.dropwizard.jackson.Jackson;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import com.netflix.hystrix.Hystrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Needs a broker it can stop, so it always runs its own embedded one (also when FLEET_IT_KAFKA is set).
 */
@Tag("broker")
class KafkaPublisherBrokerDownTest {

    /** Hystrix state is JVM-wide: leave none of our commands to the next test class. */
    @AfterAll
    static void resetHystrix() {
        Hystrix.reset();
    }

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void withTheBrokerDownAPublishFailsWithinSecondsCountsAHystrixFailureAndSucceedsAfterTheRestart() throws Exception {
        ObjectMapper json = Jackson.newObjectMapper();
        KafkaSettings settings = new KafkaSettings(KAFKA.bootstrapServers());
        MetricRegistry metrics = new MetricRegistry();
        String topic = KafkaTesting.uniqueTopic("down");
        try (Producer<String, byte[]> producer = KafkaTesting.producer(settings)) {
            KafkaOutboxPublisher publisher = new KafkaOutboxPublisher(producer, json, settings, metrics);
            publisher.handle(message(topic, "before"));

            KAFKA.kafka().shutdown();
            long started = System.nanoTime();
            assertThatThrownBy(() -> publisher.handle(message(topic, "while-down")))
                    .isInstanceOf(HystrixRuntimeException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isLessThan(Duration.ofSeconds(12));
            assertThat(metrics.meter("kafka.publish-failed").getCount()).isEqualTo(1);
            HystrixCommandMetrics hystrix = HystrixCommandMetrics.getInstance(KafkaOutboxPublisher.commandKey(topic));
            KafkaTesting.await("the Hystrix error count", Duration.ofSeconds(5),
                    () -> hystrix.getHealthCounts().getErrorCount() >= 1);

            KAFKA.kafka().start();
            publisher.handle(message(topic, "after"));
            assertThat(metrics.meter("kafka.published").getCount()).isEqualTo(2);
            assertThat(KafkaTesting.readAll(KAFKA.bootstrapServers(), topic, 2))
                    .extracting(r -> new String(r.value()))
                    .anySatisfy(v -> assertThat(v).contains("before"))
                    .anySatisfy(v -> assertThat(v).contains("after"));
        }
    }

    private static OutboxMessage message(String topic, String marker) {
        return new OutboxMessage(UUID.randomUUID(), "agg-1", "Test", topic, "{\"marker\":\"" + marker + "\"}", Instant.now(), 0, null);
    }
}
