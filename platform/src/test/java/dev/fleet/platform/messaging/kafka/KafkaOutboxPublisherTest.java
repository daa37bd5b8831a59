package dev.fleet.platform.messaging.kafka;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.brokers.TestKafka;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.messaging.MessageHeaders;
import dev.fleet.platform.outbox.OutboxMessage;
import io.dropwizard.jackson.Jackson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import com.netflix.hystrix.Hystrix;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("broker")
class KafkaOutboxPublisherTest {

    /** Hystrix state is JVM-wide: leave none of our commands to the next test class. */
    @AfterAll
    static void resetHystrix() {
        Hystrix.reset();
    }

    static final ObjectMapper JSON = Jackson.newObjectMapper();
    static final KafkaSettings SETTINGS = new KafkaSettings(TestKafka.bootstrapServers());
    static final Producer<String, byte[]> PRODUCER = KafkaTesting.producer(SETTINGS);
    final MetricRegistry metrics = new MetricRegistry();
    final KafkaOutboxPublisher publisher = new KafkaOutboxPublisher(PRODUCER, JSON, SETTINGS, metrics);

    @AfterAll
    static void close() {
        PRODUCER.close();
    }

    @Test
    void aPublishedMessageArrivesKeyedByAggregateWithTheEnvelopeAndHeaders() {
        String topic = KafkaTesting.uniqueTopic("publish");
        OutboxMessage message = new OutboxMessage(UUID.randomUUID(), "res-1", "ReservationCreated", topic,
                "{\"total\":177.00,\"carId\":\"car-1\"}", Instant.parse("2030-01-01T10:00:00Z"), 0, "req-7");

        publisher.handle(message);

        List<ConsumerRecord<String, byte[]>> records = KafkaTesting.readAll(SETTINGS.getBootstrapServers(), topic, 1);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(record.key()).isEqualTo("res-1");
        Envelope envelope = Envelope.parse(record.value(), JSON);
        assertThat(envelope.eventId()).isEqualTo(message.id().toString());
        assertThat(envelope.type()).isEqualTo("ReservationCreated");
        assertThat(envelope.aggregateId()).isEqualTo("res-1");
        assertThat(envelope.payload().get("total").decimalValue()).isEqualByComparingTo("177.00");
        assertThat(envelope.payload().get("total").toString()).isEqualTo("177.00");
        assertThat(KafkaTesting.header(record, MessageHeaders.REQUEST_ID)).isEqualTo("req-7");
        assertThat(KafkaTesting.header(record, MessageHeaders.TYPE)).isEqualTo("ReservationCreated");
        assertThat(metrics.meter("kafka.published").getCount()).isEqualTo(1);
    }

    @Test
    void withoutRequestIdThereIsNoRequestIdHeaderAndOneAggregateKeepsItsOrder() {
        String topic = KafkaTesting.uniqueTopic("order");
        for (int i = 0; i < 5; i++) {
            publisher.handle(new OutboxMessage(UUID.randomUUID(), "car-9", "CarChanged", topic, "{\"n\":" + i + "}",
                    Instant.now(), 0, null));
        }
        List<ConsumerRecord<String, byte[]>> records = KafkaTesting.readAll(SETTINGS.getBootstrapServers(), topic, 5);
        assertThat(records).extracting(r -> Envelope.parse(r.value(), JSON).payload().get("n").asInt())
                .containsExactly(0, 1, 2, 3, 4);
        assertThat(records).allSatisfy(r -> assertThat(r.headers().lastHeader(MessageHeaders.REQUEST_ID)).isNull());
    }
}
