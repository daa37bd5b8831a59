package dev.fleet.loadtests;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;
import dev.fleet.platform.messaging.amqp.AmqpCommandConsumer;
import dev.fleet.platform.messaging.amqp.AmqpConnection;
import dev.fleet.platform.messaging.amqp.AmqpOutboxPublisher;
import dev.fleet.platform.messaging.amqp.AmqpTopology;
import dev.fleet.platform.outbox.OutboxRelay;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** The AMQP paths: the raw amqp-client and Fleet's outbox → relay → publisher → consumer. Durable queues, persistent messages. */
final class AmqpPaths {

    /** Same prefetch as Fleet's default consumer settings, so the raw baseline differs only in the machinery. */
    static final int PREFETCH = AmqpCommandConsumer.Settings.defaults().prefetch();

    private AmqpPaths() {
    }

    static String uniqueQueue(String kind) {
        return "bench." + kind + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    /** "product version" of the broker, from the connection's server properties. */
    static String serverVersion(URI uri) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(uri);
        try (Connection connection = factory.newConnection("bench-probe")) {
            Map<String, Object> server = connection.getServerProperties();
            return server.get("product") + " " + server.get("version");
        }
    }

    static void deleteQueues(Connection connection, String... queues) {
        try (Channel channel = connection.createChannel()) {
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
        } catch (Exception e) {
            System.err.println("could not delete queues: " + e);
        }
    }

    /**
     * Publisher: one confirm-mode channel, persistent messages published back to back, all confirms awaited at
     * the end ({@code waitForConfirmsOrDie}). Consumer: basicConsume with manual ack per message, prefetch as Fleet.
     */
    static final class Raw implements BenchPath {
        private final String queue = uniqueQueue("raw");
        private final ObjectMapper json;
        private final Tracker tracker = new Tracker();
        private final Connection connection;
        private final Channel publisher;

        Raw(URI uri, ObjectMapper json) throws Exception {
            this.json = json;
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(uri);
            connection = factory.newConnection("bench-raw");
            Channel consumer = connection.createChannel();
            consumer.queueDeclare(queue, true, false, false, null);
            consumer.basicQos(PREFETCH);
            consumer.basicConsume(queue, false, (tag, delivery) -> {
                tracker.effect();
                consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
            }, tag -> {
            });
            publisher = connection.createChannel();
            publisher.confirmSelect();
        }

        @Override
        public long run(int n) throws Exception {
            tracker.arm(n);
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
                        .contentType("application/json").messageId(UUID.randomUUID().toString()).type(Messages.TYPE).build();
                publisher.basicPublish("", queue, true, properties, Messages.envelope(i, queue, json));
            }
            publisher.waitForConfirmsOrDie(BenchPath.timeoutSeconds(n) * 1000);
            return tracker.awaitLast(BenchPath.timeoutSeconds(n)) - start;
        }

        @Override
        public void close() throws Exception {
            deleteQueues(connection, queue);
            connection.close(5000);
        }
    }

    /**
     * Outbox (H2) → OutboxRelay → AmqpOutboxPublisher (Hystrix, publish + waitForConfirmsOrDie per message) →
     * AmqpCommandConsumer (default settings) → effect row.
     */
    static final class Fleet extends OutboxPath {
        private final String queue;
        private final URI uri;
        private final AmqpConnection connection;
        private final AmqpCommandConsumer consumer;
        private final AmqpOutboxPublisher publisher;
        private final OutboxRelay relay;

        Fleet(URI uri, ObjectMapper json, OutboxRelay.Settings relaySettings) throws Exception {
            this(uniqueQueue("fleet"), uri, json, relaySettings);
        }

        private Fleet(String queue, URI uri, ObjectMapper json, OutboxRelay.Settings relaySettings) throws Exception {
            super(queue);
            this.queue = queue;
            this.uri = uri;
            MetricRegistry metrics = new MetricRegistry();
            connection = new AmqpConnection(uri, "bench-fleet");
            connection.start();
            consumer = new AmqpCommandConsumer(connection, queue, Map.of(Messages.TYPE, db.effectHandler(tracker)), json, metrics,
                    AmqpCommandConsumer.Settings.defaults(), Clock.systemUTC());
            consumer.start(); // declares the queues
            publisher = new AmqpOutboxPublisher(connection, json, metrics, Duration.ofSeconds(5));
            relay = new OutboxRelay(db.jdbi, db.outbox, Map.of(queue, publisher), relaySettings, metrics, Clock.systemUTC());
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
            publisher.stop();
            connection.stop();
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(uri);
            try (Connection cleanup = factory.newConnection("bench-cleanup")) {
                deleteQueues(cleanup, queue, AmqpTopology.retryQueue(queue), AmqpTopology.deadLetterQueue(queue));
            }
            db.close();
        }
    }
}
