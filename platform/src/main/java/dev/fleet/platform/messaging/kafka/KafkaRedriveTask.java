package dev.fleet.platform.messaging.kafka;

import dev.fleet.platform.ops.TaskParameters;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import dev.fleet.platform.messaging.MessageHeaders;
import io.dropwizard.servlets.tasks.Task;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * Admin task {@code kafka-redrive}: {@code POST /tasks/kafka-redrive?topic=fleet.reservations.dlt&max=100} moves up to
 * {@code max} (default 100, at most 10000) dead letters back to the topic they came from (header
 * {@code fleet-original-destination}, else the name without {@code .dlt}), without the failure headers, and prints
 * how many it moved where. Progress is the committed offset of the consumer group {@code fleet-redrive}, so a
 * letter is moved once. Bad parameters throw {@link IllegalArgumentException}, answered 400 by {@link JsonTaskServlet}.
 */
public class KafkaRedriveTask extends Task {

    public static final String NAME = "kafka-redrive";
    public static final String GROUP = "fleet-redrive";
    public static final int MAX = 10_000;
    private static final Set<String> PARAMETERS = Set.of("topic", "max");

    private final String bootstrapServers;
    private final Producer<String, byte[]> producer;
    private final Meter redriven;

    public KafkaRedriveTask(String bootstrapServers, Producer<String, byte[]> producer, MetricRegistry metrics) {
        super(NAME);
        this.bootstrapServers = bootstrapServers;
        this.producer = producer;
        this.redriven = metrics.meter("kafka.redriven");
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' (expected topic and max)");
            }
        }
        String topic = TaskParameters.single(parameters, "topic");
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic is required, e.g. topic=fleet.reservations.dlt");
        }
        if (!topic.endsWith(DeadLetters.SUFFIX) || topic.length() == DeadLetters.SUFFIX.length()) {
            throw new IllegalArgumentException("topic must be a dead-letter topic ending in .dlt, got '" + topic + "'");
        }
        int max = parseMax(TaskParameters.single(parameters, "max"));
        Map<String, Integer> moved = redrive(topic, max);
        int total = moved.values().stream().mapToInt(Integer::intValue).sum();
        output.println("moved " + total + " message(s) from " + topic
                + (moved.isEmpty() ? "" : " to " + moved.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "))));
    }

    /** Moves up to {@code max} letters; returns how many went to each topic. */
    public Map<String, Integer> redrive(String topic, int max) throws InterruptedException, ExecutionException {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        Map<String, Integer> moved = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(10)).get(topic);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalArgumentException("no topic '" + topic + "'");
            }
            List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                if (offset == null) {
                    consumer.seekToBeginning(List.of(partition));
                } else {
                    consumer.seek(partition, offset.offset());
                }
            }
            Map<TopicPartition, Long> end = new LinkedHashMap<>(consumer.endOffsets(partitions));
            int count = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count < max && behind(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (count >= max) {
                        break;
                    }
                    String origin = DeadLetters.header(record.headers(), MessageHeaders.ORIGINAL_DESTINATION);
                    if (origin == null || origin.isBlank()) {
                        origin = topic.substring(0, topic.length() - DeadLetters.SUFFIX.length());
                    }
                    producer.send(new ProducerRecord<>(origin, null, record.key(), record.value(),
                            DeadLetters.withoutFailureHeaders(record.headers()))).get();
                    consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                    moved.merge(origin, 1, Integer::sum);
                    redriven.mark();
                    count++;
                }
            }
        }
        return moved;
    }

    private static boolean behind(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue());
    }

    private static int parseMax(String value) {
        if (value == null) {
            return 100;
        }
        try {
            int max = Integer.parseInt(value.trim());
            if (max < 1 || max > MAX) {
                throw new IllegalArgumentException("max must be between 1 and " + MAX + ", got " + value);
            }
            return max;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("max must be a whole number, got '" + value + "'");
        }
    }
}
