package dev.fleet.platform.messaging;

/** Handles one message type (an event from Kafka, a command from RabbitMQ, or either in process). Must be idempotent (delivery is at least once): deduplicate on {@link Envelope#eventId()}. */
@FunctionalInterface
public interface MessageHandler {

    /**
     * Returns once the event is handled. Throws to have it retried (and dead-lettered after the last attempt), or
     * throws {@link dev.fleet.platform.messaging.PoisonMessageException} to dead-letter it at once.
     *
     * @param requestId the {@code X-Request-Id} header, or null
     */
    void handle(Envelope envelope, String requestId) throws Exception;
}
