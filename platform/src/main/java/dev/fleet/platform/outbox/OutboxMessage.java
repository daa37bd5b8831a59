package dev.fleet.platform.outbox;

import dev.fleet.platform.ops.RequestIds;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One message waiting in (or read back from) a module's outbox table.
 *
 * @param id          unique message id; consumers use it to recognise duplicate deliveries
 * @param aggregateId the entity the message is about; messages of one aggregate are delivered in order
 * @param type        what happened or what to do, e.g. {@code ReservationCreated}, {@code ChargeRequested}
 * @param destination where the relay sends it: a topic or queue name such as {@code fleet.billing.charges}
 * @param payload     the message as JSON text
 * @param attempts    failed delivery attempts so far (0 for a new message)
 * @param requestId   the request that caused the message, if any, so consumers can log under the same id
 */
public record OutboxMessage(UUID id, String aggregateId, String type, String destination, String payload,
                            Instant createdAt, int attempts, String requestId) {

    public OutboxMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A new message with a fresh id, caused by the current request (if this thread serves one). */
    public static OutboxMessage of(String aggregateId, String type, String destination, String payload, Instant createdAt) {
        return new OutboxMessage(UUID.randomUUID(), aggregateId, type, destination, payload, createdAt, 0,
                RequestIds.current().orElse(null));
    }
}
