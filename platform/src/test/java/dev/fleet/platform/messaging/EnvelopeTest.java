package dev.fleet.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fleet.platform.outbox.OutboxMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeTest {

    final ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    record Charge(String reservationId, BigDecimal amount) {
    }

    @Test
    void anOutboxRowRoundTripsThroughTheWireFormat() {
        UUID id = UUID.randomUUID();
        OutboxMessage row = new OutboxMessage(id, "res-1", "ChargeRequested", "fleet.billing.charges",
                "{\"reservationId\":\"res-1\",\"amount\":177.00}", Instant.parse("2026-11-25T10:00:00Z"), 0, "req-1");

        byte[] wire = Envelope.of(row, json).toBytes(json);
        String text = new String(wire, StandardCharsets.UTF_8);
        assertThat(text).contains("\"eventId\":\"" + id + "\"", "\"type\":\"ChargeRequested\"", "\"version\":1",
                "\"occurredAt\":\"2026-11-25T10:00:00Z\"", "\"aggregateId\":\"res-1\"", "\"amount\":177.00");

        Envelope read = Envelope.parse(wire, json);
        assertThat(read.eventId()).isEqualTo(id.toString());
        assertThat(read.occurredAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(read.payloadAs(Charge.class, json)).isEqualTo(new Charge("res-1", new BigDecimal("177.00")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON           | {oops                                                                    | not JSON",
            "an array           | []                                                                       | not a JSON object",
            "no eventId         | {\"type\":\"T\",\"version\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"aggregateId\":\"a\",\"payload\":{}} | 'eventId'",
            "version not a number| {\"eventId\":\"e\",\"type\":\"T\",\"version\":\"one\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"aggregateId\":\"a\",\"payload\":{}} | 'version'",
            "bad occurredAt     | {\"eventId\":\"e\",\"type\":\"T\",\"version\":1,\"occurredAt\":\"yesterday\",\"aggregateId\":\"a\",\"payload\":{}} | 'occurredAt'",
            "payload not object | {\"eventId\":\"e\",\"type\":\"T\",\"version\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\",\"aggregateId\":\"a\",\"payload\":3} | 'payload'",
    })
    void anythingButACompleteEnvelopeIsAPoisonMessageNamingTheProblem(String name, String body, String reason) {
        assertThatThrownBy(() -> Envelope.parse(body.trim().getBytes(StandardCharsets.UTF_8), json))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining(reason);
    }

    @Test
    void aPayloadThatDoesNotFitItsTypeIsAPoisonMessage() {
        Envelope envelope = Envelope.parse(("{\"eventId\":\"e\",\"type\":\"ChargeRequested\",\"version\":1,\"occurredAt\":\"2026-01-01T00:00:00Z\","
                + "\"aggregateId\":\"a\",\"payload\":{\"amount\":\"lots\"}}").getBytes(StandardCharsets.UTF_8), json);
        assertThatThrownBy(() -> envelope.payloadAs(Charge.class, json))
                .isInstanceOf(PoisonMessageException.class).hasMessageContaining("ChargeRequested payload does not match its schema");
    }
}
