package dev.fleet.platform.messaging.amqp;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.hystrix.HystrixCommand;
import com.netflix.hystrix.HystrixCommandGroupKey;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandProperties;
import com.netflix.hystrix.HystrixThreadPoolKey;
import com.netflix.hystrix.exception.HystrixRuntimeException;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.messaging.MessageHeaders;
import dev.fleet.platform.outbox.OutboxHandler;
import dev.fleet.platform.outbox.OutboxMessage;
import io.dropwizard.lifecycle.Managed;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers outbox rows to their AMQP queue (default exchange, routing key = {@link OutboxMessage#destination()}):
 * the body is the {@link Envelope}, persistent, with publisher confirms. {@link #handle} returns only once the
 * broker confirmed the message; a nack, a timeout, an unroutable message (no such queue: the mandatory flag makes
 * the broker return it) or a lost connection throws, so the row stays pending and the relay retries it.
 *
 * <p>Each publish runs in a HystrixCommand (group {@value #GROUP}, key {@code publish.<queue>}, thread pool
 * {@value #GROUP}) without fallback. Channels are not thread-safe: each Hystrix thread keeps its own.
 */
public class AmqpOutboxPublisher implements OutboxHandler, Managed {

    public static final String GROUP = "rabbitmq";

    private final AmqpConnection connection;
    private final ObjectMapper json;
    private final MetricRegistry metrics;
    private final Duration confirmTimeout;
    private final int commandTimeoutMs;
    private final Set<PublishChannel> channels = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<PublishChannel> threadChannel = new ThreadLocal<>();

    /**
     * @param confirmTimeout how long to wait for the broker's confirm; the Hystrix timeout is this plus 2 s
     */
    public AmqpOutboxPublisher(AmqpConnection connection, ObjectMapper json, MetricRegistry metrics, Duration confirmTimeout) {
        this.connection = Objects.requireNonNull(connection);
        this.json = Objects.requireNonNull(json);
        this.metrics = Objects.requireNonNull(metrics);
        this.confirmTimeout = Objects.requireNonNull(confirmTimeout);
        this.commandTimeoutMs = Math.toIntExact(confirmTimeout.toMillis() + 2000);
    }

    @Override
    public void handle(OutboxMessage message) throws Exception {
        try {
            new Publish(message).execute();
        } catch (HystrixRuntimeException e) {
            // no fallback: surface the real reason (it ends up in the outbox row's last_error)
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw cause instanceof Exception exception ? exception : new IOException(e.getMessage(), cause);
        }
    }

    public static String commandKey(String queue) {
        return "publish." + queue;
    }

    private final class Publish extends HystrixCommand<Void> {
        private final OutboxMessage message;

        Publish(OutboxMessage message) {
            super(Setter.withGroupKey(HystrixCommandGroupKey.Factory.asKey(GROUP))
                    .andCommandKey(HystrixCommandKey.Factory.asKey(commandKey(message.destination())))
                    .andThreadPoolKey(HystrixThreadPoolKey.Factory.asKey(GROUP))
                    .andCommandPropertiesDefaults(HystrixCommandProperties.Setter()
                            .withExecutionTimeoutInMilliseconds(commandTimeoutMs)));
            this.message = message;
        }

        @Override
        protected Void run() throws Exception {
            publish(message);
            return null;
        }
    }

    private void publish(OutboxMessage message) throws Exception {
        PublishChannel target = channel();
        String id = message.id().toString();
        Map<String, Object> headers = new HashMap<>();
        headers.put(MessageHeaders.TYPE, message.type());
        if (message.requestId() != null) {
            headers.put(MessageHeaders.REQUEST_ID, message.requestId());
        }
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .deliveryMode(2)
                .contentType("application/json")
                .messageId(id)
                .type(message.type())
                .timestamp(java.util.Date.from(message.createdAt()))
                .headers(headers)
                .build();
        byte[] body = Envelope.of(message, json).toBytes(json);
        try {
            target.channel.basicPublish("", message.destination(), true, properties, body);
            target.channel.waitForConfirmsOrDie(confirmTimeout.toMillis());
        } catch (Exception e) {
            // a timed-out or failed channel may be in any state: start afresh next time
            discard(target);
            throw target.returned.remove(id) ? unroutable(message, e) : e;
        }
        if (target.returned.remove(id)) {
            // RabbitMQ returns an unroutable mandatory message and then acks it
            throw unroutable(message, null);
        }
        metrics.meter("amqp." + message.destination() + ".published").mark();
    }

    /** Qpid nacks an unroutable mandatory message after returning it; RabbitMQ acks it: both are failures. */
    private static IOException unroutable(OutboxMessage message, Exception cause) {
        return new IOException("the broker could not route " + message.type() + " " + message.id() + " to queue '"
                + message.destination() + "' (does the queue exist?)", cause);
    }

    private PublishChannel channel() throws IOException {
        PublishChannel current = threadChannel.get();
        if (current != null && current.channel.isOpen()) {
            return current;
        }
        if (current != null) {
            discard(current);
        }
        Channel channel = connection.createChannel();
        channel.confirmSelect();
        PublishChannel created = new PublishChannel(channel);
        // returns arrive before the confirm of the same message, on the connection's thread
        channel.addReturnListener(returned -> created.returned.add(returned.getProperties().getMessageId()));
        threadChannel.set(created);
        channels.add(created);
        return created;
    }

    private void discard(PublishChannel channel) {
        channels.remove(channel);
        if (threadChannel.get() == channel) {
            threadChannel.remove();
        }
        try {
            if (channel.channel.isOpen()) {
                channel.channel.abort();
            }
        } catch (IOException | RuntimeException ignored) {
            // closing a broken channel
        }
    }

    @Override
    public void stop() {
        for (PublishChannel channel : channels) {
            discard(channel);
        }
    }

    private static final class PublishChannel {
        final Channel channel;
        final Set<String> returned = ConcurrentHashMap.newKeySet();

        PublishChannel(Channel channel) {
            this.channel = channel;
        }
    }
}
