package dev.fleet.platform.messaging.amqp;

import dev.fleet.platform.messaging.MessageHandler;
import com.codahale.metrics.MetricRegistry;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.fleet.brokers.TestAmqp;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.ops.RequestIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("broker")
class AmqpCommandConsumerTest {

    record Charge(BigDecimal amount, String currency) {
        Charge {
            if (amount == null || currency == null) {
                throw new IllegalArgumentException("amount and currency are required");
            }
        }
    }

    static final AmqpCommandConsumer.Settings SETTINGS =
            new AmqpCommandConsumer.Settings(20, 3, Duration.ofMillis(400), Duration.ofMillis(50), Duration.ofSeconds(3));
    static AmqpConnection connection;
    static Connection client;
    static Channel channel;

    final MetricRegistry metrics = new MetricRegistry();
    final String queue = Amqp.uniqueQueue("commands");
    AmqpCommandConsumer consumer;

    @BeforeAll
    static void connect() throws Exception {
        connection = new AmqpConnection(TestAmqp.uri(), "consumer-test");
        connection.start();
        client = Amqp.connect(TestAmqp.uri());
        channel = client.createChannel();
    }

    @AfterAll
    static void close() throws Exception {
        connection.stop();
        client.close();
    }

    @AfterEach
    void stopConsumer() throws Exception {
        if (consumer != null) {
            consumer.stop();
        }
    }

    void start(MessageHandler handler) throws Exception {
        consumer = new AmqpCommandConsumer(connection, queue, Map.of("ChargeRequested", handler), Amqp.JSON, metrics,
                SETTINGS, Clock.systemUTC());
        consumer.start();
    }

    @Test
    void aHandlerFailingTwiceThenSucceedingIsRetriedAfterTheDelayAndAckedOnce() throws Exception {
        List<Long> attempts = new CopyOnWriteArrayList<>();
        List<String> requestIds = new CopyOnWriteArrayList<>();
        start((envelope, requestId) -> {
            attempts.add(System.nanoTime());
            requestIds.add(MDC.get(RequestIds.MDC_KEY));
            if (attempts.size() <= 2) {
                throw new IllegalStateException("billing database is down");
            }
        });
        Amqp.publish(channel, queue, Amqp.envelope("ChargeRequested", "{\"amount\":10.00,\"currency\":\"EUR\"}"), "ChargeRequested", "req-1");

        Amqp.await("three attempts", Duration.ofSeconds(10), () -> attempts.size() >= 3);
        Thread.sleep(600); // a message acked twice or left unacked would come back within this time
        assertThat(attempts).hasSize(3);
        assertThat(Duration.ofNanos(attempts.get(1) - attempts.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(Duration.ofNanos(attempts.get(2) - attempts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(requestIds).containsOnly("req-1");
        assertThat(metrics.meter("amqp." + queue + ".consumed").getCount()).isEqualTo(1);
        assertThat(metrics.meter("amqp." + queue + ".retried").getCount()).isEqualTo(2);
        assertThat(Amqp.count(channel, queue)).isZero();
        assertThat(Amqp.count(channel, AmqpTopology.retryQueue(queue))).isZero();
        assertThat(Amqp.count(channel, AmqpTopology.deadLetterQueue(queue))).isZero();
    }

    @Test
    void anAlwaysFailingMessageIsDeadLetteredAfterMaxAttemptsWithTheReason() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        start((envelope, requestId) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("card declined");
        });
        Amqp.publish(channel, queue, Amqp.envelope("ChargeRequested", "{\"amount\":10.00,\"currency\":\"EUR\"}"), "ChargeRequested", null);

        String dlq = AmqpTopology.deadLetterQueue(queue);
        Amqp.await("a dead letter", Duration.ofSeconds(10), Amqp.unchecked(() -> Amqp.count(channel, dlq) == 1));
        assertThat(calls).hasValue(3);
        GetResponse dead = channel.basicGet(dlq, false);
        Map<String, Object> headers = dead.getProps().getHeaders();
        assertThat(headers.get("fleet-failure-reason").toString()).contains("card declined");
        assertThat(headers.get("fleet-failure-attempts").toString()).isEqualTo("3");
        assertThat(headers.get("fleet-original-destination").toString()).isEqualTo(queue);
        assertThat(dead.getProps().getDeliveryMode()).isEqualTo(2);
        channel.basicReject(dead.getEnvelope().getDeliveryTag(), true);
        // the original is acked right after its dead letter was confirmed: wait for that ack, do not race it
        Amqp.await("the original acked", Duration.ofSeconds(5), Amqp.unchecked(() -> Amqp.count(channel, queue) == 0));
        assertThat(metrics.meter("amqp." + queue + ".dead-lettered").getCount()).isEqualTo(1);
    }

    @Test
    void poisonMessagesAreDeadLetteredAtOnceAndLaterGoodMessagesAreStillHandledThenReDriven() throws Exception {
        List<Charge> handled = new CopyOnWriteArrayList<>();
        start((envelope, requestId) -> handled.add(envelope.payloadAs(Charge.class, Amqp.JSON)));
        Amqp.publish(channel, queue, "this is not JSON", null, null);
        Amqp.publish(channel, queue, "{\"type\":\"ChargeRequested\",\"payload\":{}}", null, null);
        Amqp.publish(channel, queue, Amqp.envelope("SomethingElse", "{}"), null, null);
        Amqp.publish(channel, queue, Amqp.envelope("ChargeRequested", "{\"amount\":\"ten\",\"currency\":\"EUR\"}"), null, null);
        Amqp.publish(channel, queue, Amqp.envelope("ChargeRequested", "{\"amount\":12.50,\"currency\":\"EUR\"}"), null, null);

        String dlq = AmqpTopology.deadLetterQueue(queue);
        Amqp.await("four dead letters and one handled", Duration.ofSeconds(10),
                Amqp.unchecked(() -> Amqp.count(channel, dlq) == 4 && handled.size() == 1));
        assertThat(handled.get(0).amount()).isEqualByComparingTo("12.50");
        assertThat(metrics.meter("amqp." + queue + ".retried").getCount()).isZero();
        assertThat(Amqp.count(channel, AmqpTopology.retryQueue(queue))).isZero();

        consumer.stop(); // so the re-driven messages stay in the queue to be looked at
        List<GetResponse> dead = Amqp.drain(channel, dlq);
        assertThat(dead).extracting(m -> m.getProps().getHeaders().get("fleet-failure-attempts").toString()).containsOnly("1");
        assertThat(dead).extracting(m -> m.getProps().getHeaders().get("fleet-failure-reason").toString())
                .anySatisfy(r -> assertThat(r).contains("not JSON"))
                .anySatisfy(r -> assertThat(r).contains("eventId"))
                .anySatisfy(r -> assertThat(r).contains("SomethingElse"))
                .anySatisfy(r -> assertThat(r).contains("schema"));
        for (GetResponse message : dead) {
            channel.basicPublish("", dlq, message.getProps(), message.getBody());
        }
        Amqp.await("the dead letters back", Duration.ofSeconds(5), Amqp.unchecked(() -> Amqp.count(channel, dlq) == 4));

        AmqpRedriveTask task = new AmqpRedriveTask(connection);
        StringWriter output = new StringWriter();
        task.execute(Map.of("queue", List.of(dlq), "max", List.of("3")), new PrintWriter(output, true));
        assertThat(output.toString()).contains("moved 3 message(s) from " + dlq).contains(queue + "=3");
        Amqp.await("one dead letter left", Duration.ofSeconds(5), Amqp.unchecked(() -> Amqp.count(channel, dlq) == 1));
        List<GetResponse> redriven = Amqp.drain(channel, queue);
        assertThat(redriven).hasSize(3);
        assertThat(redriven).allSatisfy(m -> assertThat(m.getProps().getHeaders())
                .doesNotContainKeys("fleet-failure-reason", "fleet-failure-attempts", "fleet-original-destination"));
    }

    @Test
    void theRedriveTaskRejectsBadParameters() {
        AmqpRedriveTask task = new AmqpRedriveTask(connection);
        PrintWriter output = new PrintWriter(new StringWriter());
        assertThatThrownBy(() -> task.execute(Map.of(), output)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue");
        assertThatThrownBy(() -> task.execute(Map.of("queue", List.of(queue)), output))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(".dlq");
        assertThatThrownBy(() -> task.execute(Map.of("queue", List.of("nope.dlq")), output))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no queue 'nope.dlq'");
        assertThatThrownBy(() -> task.execute(Map.of("queue", List.of(queue + ".dlq"), "max", List.of("lots")), output))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
        assertThatThrownBy(() -> task.execute(Map.of("queue", List.of(queue + ".dlq"), "max", List.of("0")), output))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max");
        assertThatThrownBy(() -> task.execute(Map.of("queue", List.of(queue + ".dlq"), "all", List.of("1")), output))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown parameter 'all'");
    }
}
