package dev.fleet.platform.outbox;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A transactional outbox table: messages are appended in the caller's transaction, so they exist exactly when
 * the business change that produced them committed; {@link OutboxRelay} delivers them afterwards.
 *
 * <p>The table belongs to the module that writes it (e.g. {@code reservation_outbox}) and has the columns
 * {@code seq} (auto-increment, delivery order), {@code id}, {@code aggregate_id}, {@code type},
 * {@code destination}, {@code payload}, {@code created_at}, {@code attempts}, {@code next_attempt_at},
 * {@code last_error}, {@code sent_at} (null while pending) and {@code request_id} (nullable).
 */
public class Outbox {

    private static final Pattern TABLE = Pattern.compile("[a-z_]+");
    private static final int MAX_ERROR = 1000;

    private final String table;

    public Outbox(String table) {
        // The name is spliced into SQL: allow nothing but a plain identifier.
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("outbox table name must match [a-z_]+, got '" + table + "'");
        }
        this.table = table;
    }

    public String table() {
        return table;
    }

    /** Appends a message inside the caller's transaction; it is due for delivery at once. */
    public void append(Handle handle, OutboxMessage message) {
        handle.createUpdate("INSERT INTO " + table + " (id, aggregate_id, type, destination, payload, created_at, attempts, next_attempt_at, request_id)"
                        + " VALUES (:id, :aggregateId, :type, :destination, :payload, :createdAt, 0, :createdAt, :requestId)")
                .bind("id", message.id().toString())
                .bind("aggregateId", message.aggregateId())
                .bind("type", message.type())
                .bind("destination", message.destination())
                .bind("payload", message.payload())
                .bind("createdAt", message.createdAt())
                .bind("requestId", message.requestId())
                .execute();
    }

    /**
     * Pending messages due at {@code now}, oldest first, leaving out every message whose aggregate still has an
     * earlier pending message that is not due (it is backing off after a failure) so order per aggregate holds.
     */
    List<OutboxMessage> due(Handle handle, Instant now, int limit) {
        return handle.createQuery("SELECT o.id, o.aggregate_id, o.type, o.destination, o.payload, o.created_at, o.attempts, o.request_id"
                        + " FROM " + table + " o WHERE o.sent_at IS NULL AND o.next_attempt_at <= :now"
                        + " AND NOT EXISTS (SELECT 1 FROM " + table + " e WHERE e.aggregate_id = o.aggregate_id"
                        + " AND e.sent_at IS NULL AND e.seq < o.seq AND e.next_attempt_at > :now)"
                        + " ORDER BY o.seq LIMIT :limit")
                .bind("now", now)
                .bind("limit", limit)
                .map((rs, ctx) -> new OutboxMessage(UUID.fromString(rs.getString("id")), rs.getString("aggregate_id"),
                        rs.getString("type"), rs.getString("destination"), rs.getString("payload"),
                        rs.getTimestamp("created_at").toInstant(), rs.getInt("attempts"), rs.getString("request_id")))
                .list();
    }

    void markSent(Handle handle, OutboxMessage message, Instant now) {
        handle.createUpdate("UPDATE " + table + " SET sent_at = :now WHERE id = :id AND sent_at IS NULL")
                .bind("now", now).bind("id", message.id().toString()).execute();
    }

    void markFailed(Handle handle, OutboxMessage message, String error, Instant nextAttempt) {
        String text = error == null ? "unknown error" : error;
        handle.createUpdate("UPDATE " + table + " SET attempts = attempts + 1, last_error = :error, next_attempt_at = :next"
                        + " WHERE id = :id AND sent_at IS NULL")
                .bind("error", text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR))
                .bind("next", nextAttempt)
                .bind("id", message.id().toString())
                .execute();
    }

    /** Messages not yet delivered. */
    public long pendingCount(Handle handle) {
        return handle.createQuery("SELECT COUNT(*) FROM " + table + " WHERE sent_at IS NULL").mapTo(Long.class).one();
    }

    /** The last delivery error of a message, if any (for operators and tests). */
    public Optional<String> lastError(Handle handle, UUID id) {
        return handle.createQuery("SELECT last_error FROM " + table + " WHERE id = :id").bind("id", id.toString())
                .mapTo(String.class).findOne();
    }
}
