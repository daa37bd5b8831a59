package dev.fleet.platform.messaging.amqp;

import com.codahale.metrics.MetricRegistry;
import dev.fleet.brokers.TestAmqp;
import dev.fleet.platform.outbox.Outbox;
import dev.fleet.platform.outbox.OutboxMessage;
import dev.fleet.platform.outbox.OutboxRelay;
import dev.fleet.platform.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Outbox → relay → AMQP publisher → broker → consumer → idempotent handler: nothing lost, even across a restart. */
@Tag("broker")
class AmqpOutboxEndToEndTest {

    static final TestDatabase DB = TestDatabase.migrated("db/outbox-test/changelog.xml");
    static final Jdbi JDBI = DB.jdbi();
    static final Outbox OUTBOX = new Outbox("test_outbox");

    final MetricRegistry metrics = new MetricRegistry();
    final String queue = Amqp.uniqueQueue("e2e");
    /** The handler's effects, keyed by message id (an idempotent consumer records each id once). */
    final Map<String, Integer> effects = new ConcurrentHashMap<>();
    final AtomicInteger deliveries = new AtomicInteger();
    AmqpConnection connection;
    AmqpOutboxPublisher publisher;
    AmqpCommandConsumer consumer;
    OutboxRelay relay;

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @BeforeEach
    void wire() throws Exception {
        JDBI.useHandle(h -> h.execute("DELETE FROM test_outbox"));
        connection = new AmqpConnection(TestAmqp.uri(), "e2e-test", Duration.ofMillis(250));
        connection.start();
        consumer = new AmqpCommandConsumer(connection, queue, Map.of("ChargeRequested", (envelope, requestId) -> {
            deliveries.incrementAndGet();
            effects.merge(envelope.eventId(), 1, Integer::sum);
        }), Amqp.JSON, metrics, new AmqpCommandConsumer.Settings(20, 5, Duration.ofMillis(200), Duration.ofMillis(50),
                Duration.ofSeconds(3)), Clock.systemUTC());
        consumer.start(); // declares the topology
        publisher = new AmqpOutboxPublisher(connection, Amqp.JSON, metrics, Duration.ofSeconds(3));
        relay = new OutboxRelay(JDBI, OUTBOX, Map.of(queue, publisher), new OutboxRelay.Settings(Duration.ofMillis(20), 50,
                Duration.ofMillis(100), Duration.ofSeconds(1), 10_000), metrics, Clock.systemUTC());
        relay.start();
    }

    @AfterEach
    void unwire() throws Exception {
        relay.stop();
        consumer.stop();
        publisher.stop();
        connection.stop();
    }

    void append(int i) {
        JDBI.useTransaction(h -> OUTBOX.append(h, OutboxMessage.of("res-" + (i % 7), "ChargeRequested", queue,
                "{\"amount\":" + i + ".00,\"currency\":\"EUR\"}", Instant.now())));
    }

    @Test
    void everyOutboxMessageHasExactlyOneEffect() throws Exception {
        int n = 100;
        for (int i = 0; i < n; i++) {
            append(i);
        }
        Amqp.await(n + " effects", Duration.ofSeconds(30), () -> effects.size() == n);
        Amqp.await("an empty outbox", Duration.ofSeconds(10), () -> relay.pending() == 0);
        assertThat(effects.values()).containsOnly(1);
        assertThat(metrics.meter("amqp." + queue + ".published").getCount()).isEqualTo(n);
    }

    @Test
    void aBrokerRestartInTheMiddleLosesNothing() throws Exception {
        int n = 200;
        Thread writer = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                append(i);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        writer.start();
        Amqp.await("some effects", Duration.ofSeconds(20), () -> effects.size() >= 20);
        TestAmqp.restart(); // the relay keeps running throughout
        writer.join();

        Amqp.await(n + " distinct effects", Duration.ofSeconds(60), () -> effects.size() == n);
        Amqp.await("an empty outbox", Duration.ofSeconds(20), () -> relay.pending() == 0);
        int duplicates = deliveries.get() - n;
        System.out.println("broker restart: " + n + " messages, " + duplicates + " duplicate deliveries");
        assertThat(effects).hasSize(n);
    }
}
