package dev.fleet.platform.outbox;

/**
 * Delivers the messages of one destination. The relay delivers at least once (a crash between the handler's
 * return and the row being marked sent delivers it again), so a handler must be idempotent, e.g. by recording
 * {@link OutboxMessage#id()} in the same transaction as its effect.
 */
@FunctionalInterface
public interface OutboxHandler {

    /** Returns normally once the message is safely handled; throws to have it retried later. */
    void handle(OutboxMessage message) throws Exception;
}
