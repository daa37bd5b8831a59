package dev.fleet.platform.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fleet.platform.outbox.OutboxMessage;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * The JSON body of every Fleet message on Kafka and RabbitMQ (see docs/messaging.md):
 * {@code {"eventId","type","version","occurredAt","aggregateId","payload":{…}}}. The request id that caused it
 * travels in a header ({@link MessageHeaders#REQUEST_ID}), not in the body.
 *
 * @param eventId     the outbox message id; consumers deduplicate on it
 * @param type        e.g. {@code ReservationCreated}, {@code ChargeRequested}
 * @param version     the payload's schema version for that type; consumers reject versions they do not know
 * @param occurredAt  when the change that produced it committed
 * @param aggregateId the entity it is about; it is also the Kafka key, so one aggregate keeps its order
 * @param payload     the type's own fields
 */
public record Envelope(String eventId, String type, int version, Instant occurredAt, String aggregateId, JsonNode payload) {

    /** Every payload type is at schema version 1 today. */
    public static final int CURRENT_VERSION = 1;

    public Envelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payload, "payload");
    }

    /** The envelope for an outbox row (its payload is already JSON text). */
    public static Envelope of(OutboxMessage message, ObjectMapper json) {
        try {
            return new Envelope(message.id().toString(), message.type(), CURRENT_VERSION, message.createdAt(),
                    message.aggregateId(), exact(json).readTree(message.payload()));
        } catch (IOException e) {
            throw new IllegalArgumentException("outbox message " + message.id() + " has no JSON payload", e);
        }
    }

    public byte[] toBytes(ObjectMapper json) {
        ObjectNode node = json.createObjectNode()
                .put("eventId", eventId)
                .put("type", type)
                .put("version", version)
                .put("occurredAt", occurredAt.toString())
                .put("aggregateId", aggregateId);
        node.set("payload", payload);
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise envelope " + eventId, e);
        }
    }

    /**
     * Reads and checks an envelope. A body that is not a complete envelope is a poison message: it fails with a
     * {@link PoisonMessageException} naming the problem, which consumers send to the dead-letter destination at once.
     */
    public static Envelope parse(byte[] body, ObjectMapper json) {
        JsonNode node;
        try {
            node = exact(json).readTree(body);
        } catch (IOException e) {
            throw new PoisonMessageException("body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw new PoisonMessageException("body is not a JSON object");
        }
        String eventId = text(node, "eventId");
        String type = text(node, "type");
        String aggregateId = text(node, "aggregateId");
        JsonNode version = node.get("version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new PoisonMessageException("envelope field 'version' must be an integer");
        }
        Instant occurredAt;
        try {
            occurredAt = Instant.parse(text(node, "occurredAt"));
        } catch (DateTimeParseException e) {
            throw new PoisonMessageException("envelope field 'occurredAt' must be an ISO-8601 instant");
        }
        JsonNode payload = node.get("payload");
        if (payload == null || !payload.isObject()) {
            throw new PoisonMessageException("envelope field 'payload' must be a JSON object");
        }
        return new Envelope(eventId, type, version.intValue(), occurredAt, aggregateId, payload);
    }

    /** The payload as the consumer's type; a payload that does not fit the type is a poison message. */
    public <T> T payloadAs(Class<T> type, ObjectMapper json) {
        try {
            return json.treeToValue(payload, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new PoisonMessageException(this.type + " payload does not match its schema: " + e.getMessage());
        }
    }

    /** Reads decimals as they were written (177.00 stays 177.00): money must not pass through a double. */
    private static ObjectReader exact(ObjectMapper json) {
        return json.reader()
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new PoisonMessageException("envelope field '" + field + "' is missing or not a string");
        }
        return value.asText();
    }
}
