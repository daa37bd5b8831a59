package dev.fleet.loadtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.outbox.OutboxMessage;

import java.time.Instant;
import java.util.UUID;

/** The benchmark's message: a ChargeRequested-like command whose envelope is about 300 bytes. */
final class Messages {

    static final String TYPE = "ChargeRequested";
    /** Messages are spread over this many aggregates (order is kept per aggregate). */
    static final int AGGREGATES = 50;

    private Messages() {
    }

    static String aggregate(int i) {
        return "res-" + (i % AGGREGATES);
    }

    static OutboxMessage message(int i, String destination) {
        String payload = "{\"reservationId\":\"" + UUID.randomUUID() + "\",\"customerId\":\"" + UUID.randomUUID()
                + "\",\"amount\":\"249.90\",\"currency\":\"EUR\",\"from\":\"2026-12-01\",\"to\":\"2026-12-05\"}";
        return OutboxMessage.of(aggregate(i), TYPE, destination, payload, Instant.now());
    }

    /** The bytes the raw clients send: the same envelope Fleet sends. */
    static byte[] envelope(int i, String destination, ObjectMapper json) {
        return Envelope.of(message(i, destination), json).toBytes(json);
    }
}
