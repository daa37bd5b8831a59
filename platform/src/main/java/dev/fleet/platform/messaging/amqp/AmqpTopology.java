package dev.fleet.platform.messaging.amqp;

import com.rabbitmq.client.Channel;

import java.io.IOException;

/**
 * The queues of one work queue, declared idempotently (durable, no arguments, so the same declaration works on
 * RabbitMQ and on the embedded Qpid broker and never conflicts with an existing queue):
 * <ul>
 *   <li>{@code <queue>}: the commands;</li>
 *   <li>{@code <queue>.retry}: failed messages waiting for their next attempt; {@link AmqpCommandConsumer} moves
 *       each back to {@code <queue>} once its {@code fleet-retry-at} time has come (delayed retry);</li>
 *   <li>{@code <queue>.dlq}: dead letters, for operators and the {@code amqp-redrive} task.</li>
 * </ul>
 * The delay is applied by the consumer rather than with RabbitMQ's {@code x-message-ttl}/{@code x-dead-letter-*}
 * queue arguments because Qpid Broker-J rejects those arguments.
 */
public final class AmqpTopology {

    private AmqpTopology() {
    }

    public static String retryQueue(String queue) {
        return queue + ".retry";
    }

    public static String deadLetterQueue(String queue) {
        return queue + ".dlq";
    }

    /** Declares the queue, its retry queue and its dead-letter queue (no-op for those that exist). */
    public static void declare(Channel channel, String queue) throws IOException {
        channel.queueDeclare(queue, true, false, false, null);
        channel.queueDeclare(retryQueue(queue), true, false, false, null);
        channel.queueDeclare(deadLetterQueue(queue), true, false, false, null);
    }
}
