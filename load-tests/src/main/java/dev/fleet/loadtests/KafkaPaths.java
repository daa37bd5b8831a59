package dev.fleet.loadtests;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.platform.messaging.kafka.DeadLetters;
import dev.fleet.platform.messaging.kafka.KafkaEventConsumer;
import dev.fleet.platform.messaging.kafka.KafkaOutboxPublisher;
import dev.fleet.platform.messaging.kafka.KafkaProducers;
import dev.fleet.platform.messaging.kafka.KafkaSettings;
import dev.fleet.platform.messaging.kafka.KafkaTopics;
import dev.fleet.platform.outbox.OutboxRelay;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** The Kafka paths: the raw clients and Fleet's outbox → relay → publisher → consumer. Topics have 3 partitions. */
final class KafkaPaths {

    private KafkaPaths() {
    }

    static String uniqueTopic(String kind) {
        return "bench." + kind + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    static void deleteTopics(String bootstrap, List<String> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(topics).all().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete " + topics + ": " + e);
        }
    }

    /**
     * KafkaProducer (acks=all, idempotent, otherwise client defaults: async sends, batching with linger.ms 5) and a
     * KafkaConsumer (assigned all partitions, manual commitAsync after each poll), started before the clock starts.
     */
    static final class Raw implements BenchPath {
        private final String bootstrap;
        private final String topic = uniqueTopic("raw");
        private final ObjectMapper json;
        private final Tracker tracker = new Tracker();
        private final KafkaProducer<String, byte[]> producer;
        private final Thread consumerThread;
        private volatile KafkaConsumer<String, byte[]> consumer;
        private volatile boolean running = true;

        Raw(String bootstrap, ObjectMapper json) throws InterruptedException {
            this.bootstrap = bootstrap;
            this.json = json;
            KafkaTopics.ensure(new KafkaSettings(bootstrap), List.of(topic));
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
            CountDownLatch ready = new CountDownLatch(1);
            consumerThread = new Thread(() -> consume(ready), "bench-raw-consumer");
            consumerThread.setDaemon(true);
            consumerThread.start();
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the raw Kafka consumer did not get its partitions");
            }
        }

        private void consume(CountDownLatch ready) {
            KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-" + topic,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
            consumer = kafka;
            try (kafka) {
                List<TopicPartition> partitions = kafka.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                kafka.assign(partitions);
                kafka.seekToEnd(partitions);
                partitions.forEach(kafka::position); // resolve the positions before the clock starts
                ready.countDown();
                while (running) {
                    ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(100));
                    records.forEach(r -> tracker.effect());
                    if (!records.isEmpty()) {
                        kafka.commitAsync();
                    }
                }
            } catch (WakeupException stopping) {
                // close()
            }
        }

        @Override
        public long run(int n) throws Exception {
            tracker.arm(n);
            AtomicReference<Exception> failure = new AtomicReference<>();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>(topic, Messages.aggregate(i), Messages.envelope(i, topic, json)),
                        (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("a raw send failed", failure.get());
            }
            return tracker.awaitLast(BenchPath.timeoutSeconds(n)) - start;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            consumerThread.join(10_000);
            producer.close(Duration.ofSeconds(5));
            deleteTopics(bootstrap, List.of(topic, DeadLetters.topicOf(topic)));
        }
    }

    /** Outbox (H2) → OutboxRelay → KafkaOutboxPublisher (Hystrix, send().get()) → KafkaEventConsumer → effect row. */
    static final class Fleet extends OutboxPath {
        private final String bootstrap;
        private final String topic;
        private final Producer<String, byte[]> producer;
        private final KafkaEventConsumer consumer;
        private final OutboxRelay relay;

        Fleet(String bootstrap, ObjectMapper json, OutboxRelay.Settings relaySettings) {
            this(uniqueTopic("fleet"), bootstrap, json, relaySettings);
        }

        private Fleet(String topic, String bootstrap, ObjectMapper json, OutboxRelay.Settings relaySettings) {
            super(topic);
            this.topic = topic;
            this.bootstrap = bootstrap;
            KafkaSettings settings = new KafkaSettings(bootstrap);
            KafkaTopics.ensure(settings, List.of(topic));
            MetricRegistry metrics = new MetricRegistry();
            producer = KafkaProducers.build(settings, new LifecycleEnvironment(metrics), new HealthCheckRegistry(), List.of());
            consumer = new KafkaEventConsumer(KafkaEventConsumer.Settings.of(bootstrap, "bench-" + topic, List.of(topic)),
                    Map.of(Messages.TYPE, db.effectHandler(tracker)), producer, json, metrics);
            relay = new OutboxRelay(db.jdbi, db.outbox, Map.of(topic, new KafkaOutboxPublisher(producer, json, settings, metrics)),
                    relaySettings, metrics, Clock.systemUTC());
            consumer.start();
            relay.start();
        }

        @Override
        OutboxRelay relay() {
            return relay;
        }

        @Override
        public void close() throws Exception {
            relay.stop();
            consumer.stop();
            producer.close(Duration.ofSeconds(5));
            db.close();
            deleteTopics(bootstrap, List.of(topic, DeadLetters.topicOf(topic)));
        }
    }
}
