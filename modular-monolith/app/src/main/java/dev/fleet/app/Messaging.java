package dev.fleet.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.messaging.MessageHandler;
import dev.fleet.platform.outbox.OutboxHandler;

import java.util.Map;

/**
 * What each consuming module does with a message, whichever way it arrives: through a broker consumer, or
 * in process straight from the outbox relay (the default, no broker needed). Both paths hand the module the
 * same envelope, so they behave alike, idempotency (on the envelope's eventId) included.
 */
final class Messaging {

    /** The value of {@code FLEET_KAFKA_BOOTSTRAP} / {@code FLEET_AMQP_URI} that means "no broker". */
    static final String IN_PROCESS = "inprocess";

    private Messaging() {
    }

    /** In-process delivery: the outbox message goes to the handler of its type; types nobody handles are done. */
    static OutboxHandler inProcess(Map<String, MessageHandler> handlers, ObjectMapper json) {
        return message -> {
            MessageHandler handler = handlers.get(message.type());
            if (handler != null) {
                handler.handle(Envelope.of(message, json), message.requestId());
            }
        };
    }
}
