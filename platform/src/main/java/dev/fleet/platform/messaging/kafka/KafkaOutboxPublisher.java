package dev.fleet.platform.messaging.kafka;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.HystrixCommandGroupKey;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandProperties;
import com.netflix.hystrix.HystrixThreadPoolKey;
import com.netflix.hystrix.HystrixThreadPoolProperties;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.messaging.MessageHeaders;
import dev.fleet.platform.outbox.OutboxHandler;
import dev.fleet.platform.outbox.OutboxMessage;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/**
 * Delivers outbox messages to Kafka: topic = the message's destination, key = aggregate id (one aggregate, one
 * partition, its order kept), value = the {@link Envelope}, headers {@code X-Request-Id} (when known) and
 * {@code fleet-type}. Each publish runs in a HystrixCommand (group {@code kafka}, key {@code publish.<topic>},
 * thread pool {@code kafka}, no fallback) and returns only once the broker acknowledged it ({@code acks=all});
 * any failure propagates so the relay keeps the row pending.
 */
public class KafkaOutboxPublisher implements OutboxHandler {

    public static final String GROUP = "kafka";

    private final Producer<String, byte[]> producer;
    private final ObjectMapper json;
    private final int timeoutMs;
    private final int threads;
    private final Meter published;
    private final Meter failed;

    public KafkaOutboxPublisher(Producer<String, byte[]> producer, ObjectMapper json, KafkaSettings settings, MetricRegistry metrics) {
        this.producer = producer;
        this.json = json;
        this.timeoutMs = (int) settings.getPublishTimeout().toMilliseconds();
        this.threads = settings.getPublishThreads();
        this.published = metrics.meter("kafka.published");
        this.failed = metrics.meter("kafka.publish-failed");
    }

    @Override
    public void handle(OutboxMessage message) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(message.destination(), message.aggregateId(),
                Envelope.of(message, json).toBytes(json));
        if (message.requestId() != null) {
            record.headers().add(MessageHeaders.REQUEST_ID, message.requestId().getBytes(StandardCharsets.UTF_8));
        }
        record.headers().add(MessageHeaders.TYPE, message.type().getBytes(StandardCharsets.UTF_8));
        try {
            new Publish(record).execute();
            published.mark();
        } catch (RuntimeException e) {
            failed.mark();
            throw e;
        }
    }

    /** The Hystrix command key of a topic's publishes. */
    public static HystrixCommandKey commandKey(String topic) {
        return HystrixCommandKey.Factory.asKey("publish." + topic);
    }

    private final class Publish extends HystrixCommand<RecordMetadata> {
        private final ProducerRecord<String, byte[]> record;

        Publish(ProducerRecord<String, byte[]> record) {
            super(Setter.withGroupKey(HystrixCommandGroupKey.Factory.asKey(GROUP))
                    .andCommandKey(commandKey(record.topic()))
                    .andThreadPoolKey(HystrixThreadPoolKey.Factory.asKey(GROUP))
                    .andThreadPoolPropertiesDefaults(HystrixThreadPoolProperties.Setter().withCoreSize(threads))
                    .andCommandPropertiesDefaults(HystrixCommandProperties.Setter()
                            .withExecutionTimeoutInMilliseconds(timeoutMs)
                            .withFallbackEnabled(false)));
            this.record = record;
        }

        @Override
        protected RecordMetadata run() throws Exception {
            try {
                return producer.send(record).get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }
    }
}
