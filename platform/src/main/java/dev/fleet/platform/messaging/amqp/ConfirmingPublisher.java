package dev.fleet.platform.messaging.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import java.io.IOException;
import java.time.Duration;

/**
 * A confirm-mode channel for one thread of use that republishes messages (retries, dead letters, re-drives) and
 * waits for the broker's confirm. A channel closed by a channel-level error is replaced; while the connection
 * itself is down, publishing fails and the caller leaves the original message unacknowledged.
 */
final class ConfirmingPublisher implements AutoCloseable {

    private final AmqpConnection connection;
    private final Duration confirmTimeout;
    private Channel channel;

    ConfirmingPublisher(AmqpConnection connection, Duration confirmTimeout) {
        this.connection = connection;
        this.confirmTimeout = confirmTimeout;
    }

    synchronized void publish(String queue, AMQP.BasicProperties properties, byte[] body) throws Exception {
        Channel current = channel();
        try {
            current.basicPublish("", queue, properties, body);
            current.waitForConfirmsOrDie(confirmTimeout.toMillis());
        } catch (Exception e) {
            abort();
            throw e;
        }
    }

    private Channel channel() throws IOException {
        if (channel != null && !channel.isOpen() && !connection.isOpen()) {
            throw new IOException("AMQP connection " + connection.name() + " is down (recovering)");
        }
        if (channel == null || !channel.isOpen()) {
            abort();
            channel = connection.createChannel();
            channel.confirmSelect();
        }
        return channel;
    }

    private void abort() {
        if (channel != null) {
            try {
                channel.abort();
            } catch (IOException | RuntimeException ignored) {
                // already broken
            }
            channel = null;
        }
    }

    @Override
    public synchronized void close() {
        abort();
    }
}
