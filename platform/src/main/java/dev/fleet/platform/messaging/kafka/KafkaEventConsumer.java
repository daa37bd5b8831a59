package dev.fleet.platform.messaging.kafka;

import dev.fleet.platform.ops.JsonTaskServlet;
import io.dropwizard.core.setup.Environment;
import dev.fleet.platform.messaging.MessageHandler;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.messaging.MessageHeaders;
import dev.fleet.platform.messaging.PoisonMessageException;
import dev.fleet.platform.ops.RequestIds;
import io.dropwizard.lifecycle.Managed;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Consumes Fleet events from Kafka on its own thread and dispatches each envelope by {@code type} to its
 * {@link MessageHandler}. Offsets are committed (per record, {@code enable.auto.commit=false}) only after the
 * handler returned or the record was dead-lettered, so delivery is at least once and a stop or crash mid-way
 * redelivers the record.
 *
 * <ul>
 *   <li>A failing handler is retried {@code maxAttempts} times in all, with a doubling backoff; then the record
 *       goes to {@code <topic>.dlt}.</li>
 *   <li>A {@link PoisonMessageException} (body not an envelope, payload not matching its schema, or — when
 *       {@code strict} — a type without handler) dead-letters it at once.</li>
 *   <li>A type without handler is skipped (committed, metered {@code skipped}) when not strict: topics carry
 *       several types and a consumer cares about some of them.</li>
 * </ul>
 * Dead letters keep key, value and headers and get {@code fleet-failure-reason}, {@code fleet-failure-attempts}
 * and {@code fleet-original-destination}; a poison message therefore never blocks its partition.
 * The {@code X-Request-Id} header is in the MDC ({@code requestId}) while a record is handled.
 */
public class KafkaEventConsumer implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventConsumer.class);

    /**
     * @param maxAttempts    handler attempts in all before dead-lettering (at least 1)
     * @param initialBackoff pause after the first failed attempt; doubles after each further one
     * @param strict         dead-letter types without handler instead of skipping them
     */
    public record Settings(String bootstrapServers, String groupId, List<String> topics, int maxAttempts,
                           Duration initialBackoff, boolean strict, Duration pollTimeout) {
        public Settings {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(groupId, "groupId");
            topics = List.copyOf(topics);
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("a consumer needs at least one topic");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            if (initialBackoff.isNegative() || pollTimeout.isNegative() || pollTimeout.isZero()) {
                throw new IllegalArgumentException("initialBackoff must be >= 0 and pollTimeout > 0");
            }
        }

        /** 3 attempts, 200 ms doubling, lenient, 500 ms polls. */
        public static Settings of(String bootstrapServers, String groupId, List<String> topics) {
            return new Settings(bootstrapServers, groupId, topics, 3, Duration.ofMillis(200), false, Duration.ofMillis(500));
        }

        public Settings withRetries(int maxAttempts, Duration initialBackoff) {
            return new Settings(bootstrapServers, groupId, topics, maxAttempts, initialBackoff, strict, pollTimeout);
        }

        public Settings strict(boolean strict) {
            return new Settings(bootstrapServers, groupId, topics, maxAttempts, initialBackoff, strict, pollTimeout);
        }
    }

    private final Settings settings;
    private final Map<String, MessageHandler> handlers;
    private final Producer<String, byte[]> deadLetterProducer;
    private final ObjectMapper json;
    private final String name;
    private final Meter consumed;
    private final Meter deadLettered;
    private final Meter skipped;
    private final Meter failedAttempts;
    private final Object lifecycle = new Object();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile CountDownLatch stopping;
    private Thread thread;

    /**
     * @param handlers           one handler per envelope type
     * @param deadLetterProducer writes dead letters (the app's {@link KafkaProducers} producer)
     */
    public KafkaEventConsumer(Settings settings, Map<String, MessageHandler> handlers, Producer<String, byte[]> deadLetterProducer,
                              ObjectMapper json, MetricRegistry metrics) {
        this.settings = Objects.requireNonNull(settings);
        this.handlers = Map.copyOf(handlers);
        this.deadLetterProducer = Objects.requireNonNull(deadLetterProducer);
        this.json = Objects.requireNonNull(json);
        this.name = "kafka.consumer." + settings.groupId();
        this.consumed = metrics.meter(name + ".consumed");
        this.deadLettered = metrics.meter(name + ".dead-lettered");
        this.skipped = metrics.meter(name + ".skipped");
        this.failedAttempts = metrics.meter(name + ".failed-attempts");
    }

    /**
     * Builds a consumer for {@code groupId} on {@code topics}, manages it with the app's lifecycle and registers its
     * health check and the {@code kafka-redrive} task; {@code producer} sends dead letters and re-driven messages.
     */
    public static KafkaEventConsumer register(Environment environment, String bootstrapServers, String groupId, List<String> topics,
                                              Map<String, MessageHandler> handlers, Producer<String, byte[]> producer) {
        KafkaEventConsumer consumer = new KafkaEventConsumer(Settings.of(bootstrapServers, groupId, topics), handlers, producer,
                environment.getObjectMapper(), environment.metrics());
        environment.lifecycle().manage(consumer);
        environment.healthChecks().register(consumer.name(), consumer.healthCheck());
        JsonTaskServlet.register(environment, new KafkaRedriveTask(bootstrapServers, producer, environment.metrics()));
        return consumer;
    }

    public String name() {
        return name;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (thread != null) {
                return;
            }
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
            config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.groupId() + "-consumer");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            // a new group starts at the beginning: events published before its first start are not lost
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
            consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
            stopping = new CountDownLatch(1);
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Wakes the poll, interrupts a backoff and waits for the thread; the record in progress stays uncommitted. */
    @Override
    public void stop() throws InterruptedException {
        Thread running;
        synchronized (lifecycle) {
            running = thread;
            thread = null;
        }
        if (running == null) {
            return;
        }
        stopping.countDown();
        consumer.wakeup();
        running.join(TimeUnit.SECONDS.toMillis(10));
        if (running.isAlive()) {
            LOG.warn("{} did not stop within 10 s", name);
        }
    }

    /** Healthy while the consumer thread runs. */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                Thread running = thread;
                return running != null && running.isAlive()
                        ? Result.healthy("consuming %s", settings.topics())
                        : Result.unhealthy("consumer of %s is not running", settings.topics());
            }
        };
    }

    private void run() {
        KafkaConsumer<String, byte[]> kafka = consumer;
        try (kafka) {
            kafka.subscribe(settings.topics());
            while (!isStopping()) {
                ConsumerRecords<String, byte[]> records = kafka.poll(settings.pollTimeout());
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                        if (!handleSafely(kafka, partition, record)) {
                            break; // the rest of this partition's batch comes again from the seek
                        }
                    }
                }
            }
        } catch (WakeupException stopRequested) {
            // stop(): the uncommitted record is redelivered to the next consumer of the group
        } catch (RuntimeException e) {
            LOG.error("{} stopped on an unexpected error", name, e);
        }
    }

    /** True when the record is done (committed); false to re-read it later (stopping, or dead-lettering failed). */
    private boolean handleSafely(KafkaConsumer<String, byte[]> kafka, TopicPartition partition, ConsumerRecord<String, byte[]> record) {
        boolean done;
        try {
            done = handle(record);
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            // e.g. the dead-letter topic could not be written: keep the record, try again after a pause
            LOG.warn("{} could not finish {}-{}@{}: {}", name, record.topic(), record.partition(), record.offset(), e.toString());
            done = false;
            pause(Duration.ofSeconds(1));
        }
        if (!done) {
            kafka.seek(partition, record.offset());
            return false;
        }
        kafka.commitSync(Map.of(partition, new OffsetAndMetadata(record.offset() + 1)));
        return true;
    }

    private boolean handle(ConsumerRecord<String, byte[]> record) {
        String requestId = DeadLetters.header(record.headers(), MessageHeaders.REQUEST_ID);
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        try {
            Envelope envelope;
            try {
                envelope = Envelope.parse(record.value() == null ? new byte[0] : record.value(), json);
            } catch (PoisonMessageException e) {
                deadLetter(record, e.getMessage(), 1);
                return true;
            }
            MessageHandler handler = handlers.get(envelope.type());
            if (handler == null) {
                if (settings.strict()) {
                    deadLetter(record, "no handler for type '" + envelope.type() + "'", 1);
                } else {
                    skipped.mark();
                }
                return true;
            }
            Duration backoff = settings.initialBackoff();
            for (int attempt = 1; ; attempt++) {
                try {
                    handler.handle(envelope, requestId);
                    consumed.mark();
                    return true;
                } catch (PoisonMessageException e) {
                    deadLetter(record, e.getMessage(), attempt);
                    return true;
                } catch (Exception e) {
                    failedAttempts.mark();
                    if (attempt >= settings.maxAttempts()) {
                        deadLetter(record, e.getClass().getSimpleName() + ": " + e.getMessage(), attempt);
                        return true;
                    }
                    LOG.warn("{} {} {} failed (attempt {} of {}), retrying in {} ms: {}", name, envelope.type(),
                            envelope.eventId(), attempt, settings.maxAttempts(), backoff.toMillis(), e.toString());
                    if (!pause(backoff)) {
                        return false;
                    }
                    backoff = backoff.multipliedBy(2);
                }
            }
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String reason, int attempts) {
        String topic = DeadLetters.topicOf(record.topic());
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(topic, null, record.key(), record.value(),
                DeadLetters.deadLetterHeaders(record.headers(), reason, attempts, record.topic()));
        try {
            deadLetterProducer.send(letter).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write to " + topic + ": " + e.getCause(), e.getCause());
        }
        deadLettered.mark();
        LOG.warn("{} dead-lettered {}-{}@{} to {} after {} attempt(s): {}", name, record.topic(), record.partition(),
                record.offset(), topic, attempts, reason);
    }

    /** Sleeps unless stopping; false when stopping. */
    private boolean pause(Duration delay) {
        try {
            return !stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean isStopping() {
        return stopping.getCount() == 0;
    }
}
