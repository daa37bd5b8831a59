package dev.fleet.platform.messaging.kafka;

import dev.fleet.platform.messaging.MessageHandler;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.brokers.TestKafka;
import dev.fleet.platform.messaging.MessageHeaders;
import dev.fleet.platform.ops.RequestIds;
import dev.fleet.platform.outbox.OutboxMessage;
import io.dropwizard.jackson.Jackson;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import com.netflix.hystrix.Hystrix;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("broker")
class KafkaEventConsumerTest {

    /** Hystrix state is JVM-wide: leave none of our commands to the next test class. */
    @AfterAll
    static void resetHystrix() {
        Hystrix.reset();
    }

    static final ObjectMapper JSON = Jackson.newObjectMapper();
    static final String BOOTSTRAP = TestKafka.bootstrapServers();
    static final KafkaSettings SETTINGS = new KafkaSettings(BOOTSTRAP);
    static final Producer<String, byte[]> PRODUCER = KafkaTesting.producer(SETTINGS);

    final MetricRegistry metrics = new MetricRegistry();
    final List<KafkaEventConsumer> consumers = new ArrayList<>();
    final String topic = KafkaTesting.uniqueTopic("events");
    final String group = "g-" + UUID.randomUUID();

    /** A payload type with a required field, to see schema violations. */
    record Charge(String customerId, java.math.BigDecimal amount) {
        Charge {
            if (customerId == null || amount == null) {
                throw new IllegalArgumentException("customerId and amount are required");
            }
        }
    }

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    @AfterEach
    void stopConsumers() throws InterruptedException {
        for (KafkaEventConsumer consumer : consumers) {
            consumer.stop();
        }
    }

    @Test
    void aHandlerFailingOnceIsRetriedTheRecordIsHandledOnceMoreAndCommitted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> handled = new CopyOnWriteArrayList<>();
        start(KafkaEventConsumer.Settings.of(BOOTSTRAP, group, List.of(topic)), Map.of("Test", (e, r) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database hiccup");
            }
            handled.add(e.eventId());
        }));
        String id = publish("a-1", "Test", "{\"n\":1}", null);

        KafkaTesting.await("the record to be committed", Duration.ofSeconds(20), () -> committed(topic, group) == 1);
        assertThat(calls).hasValue(2);
        assertThat(handled).containsExactly(id);
        assertThat(metrics.meter("kafka.consumer." + group + ".consumed").getCount()).isEqualTo(1);
        assertThat(metrics.meter("kafka.consumer." + group + ".dead-lettered").getCount()).isZero();
    }

    @Test
    void aConsumerStoppedWhileItsHandlerFailsLeavesTheRecordUncommittedAndTheNextOneSeesItAgain() throws Exception {
        AtomicInteger failures = new AtomicInteger();
        KafkaEventConsumer first = start(KafkaEventConsumer.Settings.of(BOOTSTRAP, group, List.of(topic))
                .withRetries(10, Duration.ofSeconds(5)), Map.of("Test", (e, r) -> {
            failures.incrementAndGet();
            throw new IllegalStateException("down");
        }));
        String id = publish("a-1", "Test", "{}", null);
        KafkaTesting.await("the first attempt", Duration.ofSeconds(20), () -> failures.get() >= 1);
        long stopStarted = System.nanoTime();
        first.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - stopStarted)).isLessThan(Duration.ofSeconds(3));
        assertThat(committed(topic, group)).isZero();

        List<String> handled = new CopyOnWriteArrayList<>();
        start(KafkaEventConsumer.Settings.of(BOOTSTRAP, group, List.of(topic)), Map.of("Test", (e, r) -> handled.add(e.eventId())));
        KafkaTesting.await("redelivery", Duration.ofSeconds(20), () -> handled.contains(id));
        KafkaTesting.await("the commit", Duration.ofSeconds(10), () -> committed(topic, group) == 1);
    }

    @Test
    void poisonMessagesAndExhaustedRetriesGoToTheDeadLetterTopicAndLaterRecordsAreStillHandled() throws Exception {
        List<String> handled = new CopyOnWriteArrayList<>();
        List<String> mdc = new CopyOnWriteArrayList<>();
        start(KafkaEventConsumer.Settings.of(BOOTSTRAP, group, List.of(topic)).withRetries(3, Duration.ofMillis(50)), Map.of(
                "ChargeRequested", (e, r) -> {
                    e.payloadAs(Charge.class, JSON);
                    mdc.add(MDC.get(RequestIds.MDC_KEY) + "|" + r);
                    handled.add(e.eventId());
                },
                "AlwaysFails", (e, r) -> {
                    throw new IllegalStateException("billing is down");
                }));

        sendRaw("k1", "this is not json".getBytes(StandardCharsets.UTF_8), "req-1");
        sendRaw("k2", "{\"eventId\":\"e2\",\"type\":\"ChargeRequested\"}".getBytes(StandardCharsets.UTF_8), null);
        publish("k3", "ChargeRequested", "{\"customerId\":\"c-1\"}", null); // schema violation: no amount
        publish("k4", "AlwaysFails", "{}", null);
        String good = publish("k5", "ChargeRequested", "{\"customerId\":\"c-1\",\"amount\":10.00}", "req-5");
        publish("k6", "SomethingElse", "{}", null); // not ours: skipped

        KafkaTesting.await("the good record", Duration.ofSeconds(20), () -> handled.contains(good));
        KafkaTesting.await("all six committed", Duration.ofSeconds(20), () -> committed(topic, group) == 6);
        assertThat(handled).containsExactly(good);
        assertThat(mdc).containsExactly("req-5|req-5");

        List<ConsumerRecord<String, byte[]>> dead = KafkaTesting.readAll(BOOTSTRAP, DeadLetters.topicOf(topic), 4);
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly("k1", "k2", "k3", "k4");
        assertThat(dead).allSatisfy(r -> assertThat(KafkaTesting.header(r, MessageHeaders.ORIGINAL_DESTINATION)).isEqualTo(topic));
        assertThat(KafkaTesting.header(dead.get(0), MessageHeaders.FAILURE_REASON)).contains("not JSON");
        assertThat(KafkaTesting.header(dead.get(0), MessageHeaders.FAILURE_ATTEMPTS)).isEqualTo("1");
        assertThat(KafkaTesting.header(dead.get(0), MessageHeaders.REQUEST_ID)).isEqualTo("req-1");
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("this is not json");
        assertThat(KafkaTesting.header(dead.get(1), MessageHeaders.FAILURE_REASON)).contains("aggregateId");
        assertThat(KafkaTesting.header(dead.get(2), MessageHeaders.FAILURE_REASON)).contains("does not match its schema");
        assertThat(KafkaTesting.header(dead.get(2), MessageHeaders.FAILURE_ATTEMPTS)).isEqualTo("1");
        assertThat(KafkaTesting.header(dead.get(3), MessageHeaders.FAILURE_REASON)).contains("billing is down");
        assertThat(KafkaTesting.header(dead.get(3), MessageHeaders.FAILURE_ATTEMPTS)).isEqualTo("3");
        assertThat(metrics.meter("kafka.consumer." + group + ".dead-lettered").getCount()).isEqualTo(4);
        assertThat(metrics.meter("kafka.consumer." + group + ".skipped").getCount()).isEqualTo(1);

        // re-drive (consumer stopped, or the still-poison letters would come straight back): back to the topic
        // without failure headers, each once
        stopConsumers();
        consumers.clear();
        KafkaRedriveTask redrive = new KafkaRedriveTask(BOOTSTRAP, PRODUCER, metrics);
        StringWriter out = new StringWriter();
        redrive.execute(Map.of("topic", List.of(DeadLetters.topicOf(topic)), "max", List.of("2")), new PrintWriter(out));
        assertThat(out.toString()).contains("moved 2 message(s) from " + topic + ".dlt to " + topic + " (2)");
        out = new StringWriter();
        redrive.execute(Map.of("topic", List.of(DeadLetters.topicOf(topic))), new PrintWriter(out));
        assertThat(out.toString()).contains("moved 2 message(s)");
        out = new StringWriter();
        redrive.execute(Map.of("topic", List.of(DeadLetters.topicOf(topic))), new PrintWriter(out));
        assertThat(out.toString()).contains("moved 0 message(s)");

        List<ConsumerRecord<String, byte[]>> back = KafkaTesting.readAll(BOOTSTRAP, topic, 10);
        assertThat(back).hasSize(10);
        List<ConsumerRecord<String, byte[]>> redriven = back.subList(6, 10);
        assertThat(redriven).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("k1", "k2", "k3", "k4");
        assertThat(redriven).allSatisfy(r -> {
            assertThat(r.headers().lastHeader(MessageHeaders.FAILURE_REASON)).isNull();
            assertThat(r.headers().lastHeader(MessageHeaders.ORIGINAL_DESTINATION)).isNull();
        });
    }

    @Test
    void aStrictConsumerDeadLettersTypesWithoutHandler() throws Exception {
        start(KafkaEventConsumer.Settings.of(BOOTSTRAP, group, List.of(topic)).strict(true), Map.of("Known", (e, r) -> { }));
        publish("k1", "Unknown", "{}", null);
        List<ConsumerRecord<String, byte[]>> dead = KafkaTesting.readAll(BOOTSTRAP, DeadLetters.topicOf(topic), 1);
        assertThat(dead).hasSize(1);
        assertThat(KafkaTesting.header(dead.get(0), MessageHeaders.FAILURE_REASON)).isEqualTo("no handler for type 'Unknown'");
    }

    @Test
    void theRedriveTaskRejectsBadParameters() {
        KafkaRedriveTask redrive = new KafkaRedriveTask(BOOTSTRAP, PRODUCER, metrics);
        PrintWriter out = new PrintWriter(new StringWriter());
        assertThatThrownBy(() -> redrive.execute(Map.of(), out)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("topic is required");
        assertThatThrownBy(() -> redrive.execute(Map.of("topic", List.of(topic)), out)).hasMessageContaining("ending in .dlt");
        assertThatThrownBy(() -> redrive.execute(Map.of("topic", List.of("x.dlt"), "max", List.of("0")), out)).hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> redrive.execute(Map.of("topic", List.of("x.dlt"), "max", List.of("ten")), out)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> redrive.execute(Map.of("topic", List.of("x.dlt"), "other", List.of("1")), out)).hasMessageContaining("unknown parameter");
        assertThatThrownBy(() -> redrive.execute(Map.of("topic", List.of("no-such-" + UUID.randomUUID() + ".dlt")), out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no topic");
    }

    private KafkaEventConsumer start(KafkaEventConsumer.Settings settings, Map<String, MessageHandler> handlers) {
        KafkaEventConsumer consumer = new KafkaEventConsumer(settings, handlers, PRODUCER, JSON, metrics);
        consumers.add(consumer);
        consumer.start();
        return consumer;
    }

    private String publish(String key, String type, String payload, String requestId) {
        OutboxMessage message = new OutboxMessage(UUID.randomUUID(), key, type, topic, payload, Instant.now(), 0, requestId);
        new KafkaOutboxPublisher(PRODUCER, JSON, SETTINGS, new MetricRegistry()).handle(message);
        return message.id().toString();
    }

    private void sendRaw(String key, byte[] value, String requestId) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (requestId != null) {
            record.headers().add(MessageHeaders.REQUEST_ID, requestId.getBytes(StandardCharsets.UTF_8));
        }
        PRODUCER.send(record).get();
    }

    /** The committed offset of partition 0 (test topics are auto-created with one partition). */
    private static long committed(String topic, String group) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP, ConsumerConfig.GROUP_ID_CONFIG, group),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            OffsetAndMetadata offset = consumer.committed(Set.of(partition)).get(partition);
            return offset == null ? 0 : offset.offset();
        }
    }

}
