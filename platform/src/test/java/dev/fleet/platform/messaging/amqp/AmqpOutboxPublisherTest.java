package dev.fleet.platform.messaging.amqp;

import com.codahale.metrics.MetricRegistry;
import com.netflix.hystrix.Hystrix;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.fleet.brokers.EmbeddedAmqp;
import dev.fleet.brokers.TestAmqp;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.outbox.OutboxMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("broker")
class AmqpOutboxPublisherTest {

    static final MetricRegistry METRICS = new MetricRegistry();
    static AmqpConnection connection;
    static AmqpOutboxPublisher publisher;
    static Connection client;

    @BeforeAll
    static void connect() throws Exception {
        connection = new AmqpConnection(TestAmqp.uri(), "publisher-test");
        connection.start();
        publisher = new AmqpOutboxPublisher(connection, Amqp.JSON, METRICS, Duration.ofSeconds(3));
        client = Amqp.connect(TestAmqp.uri());
    }

    @AfterAll
    static void close() throws Exception {
        publisher.stop();
        connection.stop();
        client.close();
        Hystrix.reset();
    }

    static OutboxMessage message(String queue, String requestId) {
        return new OutboxMessage(UUID.randomUUID(), "res-1", "ChargeRequested", queue,
                "{\"amount\":177.00,\"currency\":\"EUR\"}", Instant.parse("2030-01-01T10:00:00Z"), 0, requestId);
    }

    @Test
    void aConfirmedPublishArrivesPersistentWithItsPropertiesHeadersAndEnvelope() throws Exception {
        String queue = Amqp.uniqueQueue("publish");
        try (Channel channel = client.createChannel()) {
            AmqpTopology.declare(channel, queue);
            OutboxMessage message = message(queue, "req-7");

            publisher.handle(message); // returns only after the broker's confirm

            GetResponse response = channel.basicGet(queue, true);
            assertThat(response).isNotNull();
            assertThat(response.getProps().getDeliveryMode()).isEqualTo(2);
            assertThat(response.getProps().getContentType()).isEqualTo("application/json");
            assertThat(response.getProps().getMessageId()).isEqualTo(message.id().toString());
            assertThat(response.getProps().getType()).isEqualTo("ChargeRequested");
            assertThat(response.getProps().getHeaders().get("X-Request-Id")).hasToString("req-7");
            assertThat(response.getProps().getHeaders().get("fleet-type")).hasToString("ChargeRequested");
            Envelope envelope = Envelope.parse(response.getBody(), Amqp.JSON);
            assertThat(envelope.eventId()).isEqualTo(message.id().toString());
            assertThat(envelope.payload().get("amount").decimalValue()).isEqualByComparingTo("177.00");
            assertThat(envelope.payload().get("amount").toString()).isEqualTo("177.00");
            assertThat(METRICS.meter("amqp." + queue + ".published").getCount()).isEqualTo(1);
        }
    }

    @Test
    void withoutRequestIdThereIsNoRequestIdHeader() throws Exception {
        String queue = Amqp.uniqueQueue("publish");
        try (Channel channel = client.createChannel()) {
            AmqpTopology.declare(channel, queue);
            publisher.handle(message(queue, null));
            GetResponse response = channel.basicGet(queue, true);
            assertThat(response.getProps().getHeaders()).doesNotContainKey("X-Request-Id");
        }
    }

    @Test
    void aPublishToAMissingQueueFailsInsteadOfBeingDropped() {
        String queue = Amqp.uniqueQueue("missing");
        // Qpid returns and nacks the message, RabbitMQ returns and acks it; the return may be seen after the nack
        assertThatThrownBy(() -> publisher.handle(message(queue, null)))
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("could not route", "nacks received"));
        assertThat(METRICS.meter("amqp." + queue + ".published").getCount()).isZero();
    }

    /** Needs to stop the broker for a while, so it uses a broker of its own even when FLEET_IT_RABBITMQ is set. */
    @Test
    void withTheBrokerDownAPublishFailsFastAsAHystrixFailureAndWorksAgainAfterRecovery(@TempDir Path data) throws Exception {
        EmbeddedAmqp broker = new EmbeddedAmqp(0, data); // a given directory outlives stop()
        broker.start();
        AmqpConnection own = new AmqpConnection(broker.uri(), "publisher-down-test", Duration.ofMillis(200));
        own.start();
        AmqpOutboxPublisher down = new AmqpOutboxPublisher(own, Amqp.JSON, METRICS, Duration.ofSeconds(2));
        String queue = Amqp.uniqueQueue("down");
        try (Connection admin = Amqp.connect(broker.uri()); Channel channel = admin.createChannel()) {
            AmqpTopology.declare(channel, queue);
        }
        try {
            down.handle(message(queue, null));
            broker.stop();

            long start = System.nanoTime();
            assertThatThrownBy(() -> down.handle(message(queue, null))).isInstanceOf(Exception.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            HystrixCommandKey key = HystrixCommandKey.Factory.asKey(AmqpOutboxPublisher.commandKey(queue));
            Amqp.await("a Hystrix failure", Duration.ofSeconds(5), () -> HystrixCommandMetrics.getInstance(key) != null
                    && HystrixCommandMetrics.getInstance(key).getHealthCounts().getErrorCount() >= 1);

            broker.start(); // same port, same data
            Amqp.await("the connection to recover", Duration.ofSeconds(15), own::isOpen);
            Amqp.await("a publish to succeed again", Duration.ofSeconds(10), Amqp.unchecked(() -> {
                down.handle(message(queue, null));
                return true;
            }));
            try (Connection admin = Amqp.connect(broker.uri()); Channel channel = admin.createChannel()) {
                assertThat(Amqp.count(channel, queue)).isGreaterThanOrEqualTo(2); // persistent: the first survived too
            }
        } finally {
            down.stop();
            own.stop();
            broker.stop();
        }
    }
}
