package dev.fleet.platform.messaging.amqp;

import io.dropwizard.core.setup.Environment;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.GetResponse;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.messaging.MessageHandler;
import dev.fleet.platform.messaging.MessageHeaders;
import dev.fleet.platform.messaging.PoisonMessageException;
import dev.fleet.platform.ops.RequestIds;
import io.dropwizard.lifecycle.Managed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Consumes the commands of one queue with manual acks and a prefetch, dispatching each by its envelope
 * {@code type} to a {@link Handler} (with the request id in the MDC). A handled message is acked. A failed one is
 * republished to {@code <queue>.retry} with {@code fleet-failure-attempts} + 1 and acked; after the delay it comes
 * back to the queue; once {@code maxAttempts} attempts failed it goes to {@code <queue>.dlq} with
 * {@code fleet-failure-reason}, {@code fleet-failure-attempts} and {@code fleet-original-destination}. A poison
 * message (not an envelope, unknown type, payload not matching its schema) goes to the DLQ at once. The queue is
 * never blocked. Automatic recovery re-registers the consumer after a broker restart.
 */
public class AmqpCommandConsumer implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(AmqpCommandConsumer.class);
    /** On a message in the retry queue: when (epoch millis) it is due back in its queue. */
    public static final String RETRY_AT = "fleet-retry-at";

    /**
     * @param prefetch     unacknowledged messages the broker sends ahead
     * @param maxAttempts  failed attempts after which a message is dead-lettered
     * @param retryDelay   how long a failed message waits before its next attempt
     * @param pollInterval how often the retry queue is checked for due messages
     */
    public record Settings(int prefetch, int maxAttempts, Duration retryDelay, Duration pollInterval, Duration confirmTimeout) {
        public Settings {
            if (prefetch < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("prefetch and maxAttempts must be at least 1");
            }
            if (retryDelay.isNegative() || pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("need retryDelay >= 0 and pollInterval > 0");
            }
        }

        public static Settings defaults() {
            return new Settings(20, 5, Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(5));
        }
    }

    private final AmqpConnection connection;
    private final String queue;
    private final Map<String, MessageHandler> handlers;
    private final ObjectMapper json;
    private final Settings settings;
    private final Clock clock;
    private final Meter consumed;
    private final Meter retried;
    private final Meter deadLettered;
    private Channel consumerChannel;
    private ConfirmingPublisher republisher;
    private ConfirmingPublisher mover;
    private Channel moverChannel;
    private ScheduledExecutorService scheduler;

    public AmqpCommandConsumer(AmqpConnection connection, String queue, Map<String, MessageHandler> handlers, ObjectMapper json,
                               MetricRegistry metrics, Settings settings, Clock clock) {
        this.connection = Objects.requireNonNull(connection);
        this.queue = Objects.requireNonNull(queue);
        this.handlers = Map.copyOf(handlers);
        this.json = Objects.requireNonNull(json);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.consumed = metrics.meter("amqp." + queue + ".consumed");
        this.retried = metrics.meter("amqp." + queue + ".retried");
        this.deadLettered = metrics.meter("amqp." + queue + ".dead-lettered");
    }

    /**
     * Builds a consumer of {@code queue} on {@code connection} with the settings' retries, manages it with the app's
     * lifecycle and registers the {@code amqp-redrive} task.
     */
    public static AmqpCommandConsumer register(Environment environment, AmqpConnection connection, AmqpSettings settings,
                                               String queue, Map<String, MessageHandler> handlers) {
        AmqpCommandConsumer consumer = new AmqpCommandConsumer(connection, queue, handlers, environment.getObjectMapper(),
                environment.metrics(), settings.consumerSettings(), Clock.systemUTC());
        environment.lifecycle().manage(consumer);
        AmqpRedriveTask.register(environment, connection);
        return consumer;
    }

    @Override
    public synchronized void start() throws IOException {
        if (consumerChannel != null) {
            return;
        }
        republisher = new ConfirmingPublisher(connection, settings.confirmTimeout());
        mover = new ConfirmingPublisher(connection, settings.confirmTimeout());
        Channel channel = connection.createChannel();
        AmqpTopology.declare(channel, queue);
        channel.basicQos(settings.prefetch());
        channel.basicConsume(queue, false, (tag, delivery) -> onDelivery(channel, delivery), tag -> {
            LOG.warn("consumer of {} was cancelled by the broker", queue);
        });
        consumerChannel = channel;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "amqp-retry-" + queue);
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::moveDueRetries, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            scheduler = null;
        }
        for (Channel channel : new Channel[]{consumerChannel, moverChannel}) {
            if (channel != null) {
                try {
                    channel.abort(); // unacked messages go back to the queue
                } catch (IOException | RuntimeException ignored) {
                    // closing anyway
                }
            }
        }
        consumerChannel = null;
        moverChannel = null;
        if (republisher != null) {
            republisher.close();
            mover.close();
        }
    }

    private void onDelivery(Channel channel, Delivery delivery) throws IOException {
        long tag = delivery.getEnvelope().getDeliveryTag();
        Map<String, Object> headers = headers(delivery.getProperties());
        String requestId = string(headers.get(MessageHeaders.REQUEST_ID));
        int attempts = integer(headers.get(MessageHeaders.FAILURE_ATTEMPTS)) + 1;
        if (requestId != null) {
            MDC.put(RequestIds.MDC_KEY, requestId);
        }
        try {
            Envelope envelope = Envelope.parse(delivery.getBody(), json);
            MessageHandler handler = handlers.get(envelope.type());
            if (handler == null) {
                throw new PoisonMessageException("no handler for message type '" + envelope.type() + "' on " + queue);
            }
            handler.handle(envelope, requestId);
            channel.basicAck(tag, false);
            consumed.mark();
        } catch (PoisonMessageException poison) {
            LOG.warn("poison message {} on {}, dead-lettered: {}", delivery.getProperties().getMessageId(), queue, poison.getMessage());
            republish(channel, delivery, AmqpTopology.deadLetterQueue(queue), deadLetterHeaders(headers, poison.getMessage(), attempts), deadLettered);
        } catch (Exception failure) {
            String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            if (attempts >= settings.maxAttempts()) {
                LOG.warn("message {} on {} failed {} times, dead-lettered: {}", delivery.getProperties().getMessageId(), queue, attempts, reason);
                republish(channel, delivery, AmqpTopology.deadLetterQueue(queue), deadLetterHeaders(headers, reason, attempts), deadLettered);
            } else {
                LOG.info("message {} on {} failed (attempt {}), retrying in {}: {}", delivery.getProperties().getMessageId(), queue, attempts, settings.retryDelay(), reason);
                Map<String, Object> retry = new HashMap<>(headers);
                retry.put(MessageHeaders.FAILURE_ATTEMPTS, attempts);
                retry.put(MessageHeaders.FAILURE_REASON, truncate(reason));
                retry.put(RETRY_AT, clock.millis() + settings.retryDelay().toMillis());
                republish(channel, delivery, AmqpTopology.retryQueue(queue), retry, retried);
            }
        } finally {
            MDC.remove(RequestIds.MDC_KEY);
        }
    }

    private Map<String, Object> deadLetterHeaders(Map<String, Object> headers, String reason, int attempts) {
        Map<String, Object> dead = new HashMap<>(headers);
        dead.remove(RETRY_AT);
        dead.put(MessageHeaders.FAILURE_REASON, truncate(reason));
        dead.put(MessageHeaders.FAILURE_ATTEMPTS, attempts);
        dead.put(MessageHeaders.ORIGINAL_DESTINATION, queue);
        return dead;
    }

    /** Publishes a copy (confirmed) and only then acks the original; if that fails the original is requeued. */
    private void republish(Channel channel, Delivery delivery, String target, Map<String, Object> headers, Meter meter) throws IOException {
        AMQP.BasicProperties properties = delivery.getProperties().builder().headers(headers).deliveryMode(2).build();
        try {
            republisher.publish(target, properties, delivery.getBody());
        } catch (Exception e) {
            LOG.warn("could not move message {} to {}, it stays in {}: {}", delivery.getProperties().getMessageId(), target, queue, e.toString());
            if (channel.isOpen()) {
                channel.basicNack(delivery.getEnvelope().getDeliveryTag(), false, true);
            }
            return;
        }
        channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
        meter.mark();
    }

    /** Moves retries whose time has come back to the queue; the retry queue is in due order (one fixed delay). */
    private void moveDueRetries() {
        try {
            if (moverChannel == null || (!moverChannel.isOpen() && connection.isOpen())) {
                moverChannel = connection.createChannel(); // first use, or closed by a channel error
            }
            if (!moverChannel.isOpen()) {
                return; // the connection is recovering
            }
            String retryQueue = AmqpTopology.retryQueue(queue);
            GetResponse response;
            while (!Thread.currentThread().isInterrupted() && (response = moverChannel.basicGet(retryQueue, false)) != null) {
                long tag = response.getEnvelope().getDeliveryTag();
                Map<String, Object> headers = headers(response.getProps());
                Object due = headers.get(RETRY_AT);
                if (due != null && Long.parseLong(due.toString()) > clock.millis()) {
                    moverChannel.basicReject(tag, true);
                    return;
                }
                headers.remove(RETRY_AT);
                mover.publish(queue, response.getProps().builder().headers(headers).build(), response.getBody());
                moverChannel.basicAck(tag, false);
            }
        } catch (Exception e) {
            // the broker is away or restarting: the retries wait in their queue
            LOG.debug("moving retries of {} failed: {}", queue, e.toString());
        }
    }

    static Map<String, Object> headers(AMQP.BasicProperties properties) {
        Map<String, Object> headers = new HashMap<>();
        if (properties.getHeaders() != null) {
            properties.getHeaders().forEach((name, value) -> headers.put(name, value));
        }
        return headers;
    }

    static String string(Object value) {
        return value == null ? null : value.toString(); // strings arrive as LongString
    }

    private static int integer(Object value) {
        if (value == null) {
            return 0;
        }
        try {
            return Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String truncate(String text) {
        String value = text == null ? "unknown" : text;
        return value.length() <= 1000 ? value : value.substring(0, 1000);
    }
}
