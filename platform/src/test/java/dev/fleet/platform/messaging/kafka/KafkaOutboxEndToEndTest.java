package dev.fleet.platform.messaging.kafka;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.brokers.TestKafka;
import dev.fleet.platform.outbox.Outbox;
import dev.fleet.platform.outbox.OutboxMessage;
import dev.fleet.platform.outbox.OutboxRelay;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.jackson.Jackson;
import org.apache.kafka.clients.producer.Producer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import com.netflix.hystrix.Hystrix;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Outbox → relay → KafkaOutboxPublisher → Kafka → KafkaEventConsumer → an idempotent handler: nothing lost. */
@Tag("broker")
class KafkaOutboxEndToEndTest {

    /** Hystrix state is JVM-wide: leave none of our commands to the next test class. */
    @AfterAll
    static void resetHystrix() {
        Hystrix.reset();
    }

    static final TestDatabase DB = TestDatabase.migrated("db/outbox-test/changelog.xml");
    static final Jdbi JDBI = DB.jdbi();
    static final Outbox OUTBOX = new Outbox("test_outbox");
    static final ObjectMapper JSON = Jackson.newObjectMapper();

    final MetricRegistry metrics = new MetricRegistry();
    /** eventId → deliveries: the size is the number of effects, counts above 1 are duplicates. */
    final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @BeforeEach
    void emptyTheOutbox() {
        JDBI.useHandle(h -> h.execute("DELETE FROM test_outbox"));
    }

    @Test
    void everyMessageHasExactlyOneEffect() throws Exception {
        assertThat(run(40, false)).isEqualTo(40);
    }

    @Test
    void aBrokerRestartWhileTheRelayRunsLosesNothing() throws Exception {
        assertThat(run(60, true)).isEqualTo(60);
    }

    private int run(int count, boolean restartInTheMiddle) throws Exception {
        String topic = KafkaTesting.uniqueTopic("e2e");
        KafkaSettings settings = new KafkaSettings(TestKafka.bootstrapServers());
        assertThat(KafkaTopics.ensure(settings, List.of(topic))).containsExactlyInAnyOrder(topic, topic + ".dlt");
        assertThat(KafkaTopics.ensure(settings, List.of(topic))).isEmpty();

        String group = "e2e-" + topic;
        try (Producer<String, byte[]> producer = KafkaTesting.producer(settings)) {
            KafkaEventConsumer consumer = new KafkaEventConsumer(
                    KafkaEventConsumer.Settings.of(settings.getBootstrapServers(), group, List.of(topic)),
                    Map.of("Booked", (envelope, requestId) ->
                            effects.computeIfAbsent(envelope.eventId(), id -> new AtomicInteger()).incrementAndGet()),
                    producer, JSON, metrics);
            OutboxRelay relay = new OutboxRelay(JDBI, OUTBOX,
                    Map.of(topic, new KafkaOutboxPublisher(producer, JSON, settings, metrics)),
                    new OutboxRelay.Settings(Duration.ofMillis(20), 50, Duration.ofMillis(200), Duration.ofSeconds(2), 1000),
                    metrics, Clock.systemUTC());
            consumer.start();
            relay.start();
            try {
                for (int i = 0; i < count; i++) {
                    int n = i;
                    JDBI.useTransaction(h -> OUTBOX.append(h, OutboxMessage.of("agg-" + (n % 6), "Booked", topic,
                            "{\"n\":" + n + "}", Instant.now())));
                    if (restartInTheMiddle && i == count / 2) {
                        TestKafka.restart();
                    }
                    Thread.sleep(10);
                }
                KafkaTesting.await(count + " effects", Duration.ofSeconds(90), () -> effects.size() >= count && relay.pending() == 0);
            } finally {
                relay.stop();
                consumer.stop();
            }
        }
        int duplicates = effects.values().stream().mapToInt(c -> c.get() - 1).sum();
        assertThat(duplicates).as("duplicates are allowed, losses are not").isGreaterThanOrEqualTo(0);
        assertThat(metrics.meter("kafka.consumer." + group + ".dead-lettered").getCount()).isZero();
        return effects.size();
    }
}
