package dev.fleet.brokers;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("broker")
class EmbeddedKafkaTest {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void aProducedRecordIsConsumed() throws Exception {
        String topic = "t-" + UUID.randomUUID();
        produce(topic, "k", "hello");
        assertThat(consumeAll(topic, 1)).containsExactly("k=hello");
    }

    @Test
    void restartKeepsThePortAndTheData() throws Exception {
        String topic = "t-" + UUID.randomUUID();
        String before = KAFKA.bootstrapServers();
        produce(topic, "k", "before");

        KAFKA.kafka().restart();

        assertThat(KAFKA.bootstrapServers()).isEqualTo(before);
        produce(topic, "k", "after");
        assertThat(consumeAll(topic, 2)).containsExactly("k=before", "k=after");
    }

    @Test
    void stopFreesThePortAndStartResumes() throws Exception {
        String topic = "t-" + UUID.randomUUID();
        produce(topic, "k", "kept");
        int port = Integer.parseInt(KAFKA.bootstrapServers().substring(KAFKA.bootstrapServers().lastIndexOf(':') + 1));

        KAFKA.kafka().shutdown();
        assertThat(KAFKA.kafka().isRunning()).isFalse();
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }

        KAFKA.kafka().start();
        assertThat(consumeAll(topic, 1)).containsExactly("k=kept");
    }

    @Test
    void stopDeletesATemporaryDataDir() throws Exception {
        EmbeddedKafka own = new EmbeddedKafka();
        own.start();
        var dir = own.dataDir();
        assertThat(dir).exists();
        own.stop();
        assertThat(dir).doesNotExist();
    }

    private static void produce(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<String> consumeAll(String topic, int expected) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "g-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (seen.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.key() + "=" + record.value());
                }
            }
        }
        return seen;
    }
}
