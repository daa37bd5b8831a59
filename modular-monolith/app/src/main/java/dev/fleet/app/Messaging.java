package dev.fleet.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.platform.messaging.Envelope;
import com.rabbitmq.client.Channel;
import dev.fleet.platform.messaging.MessageHandler;
import dev.fleet.platform.messaging.amqp.AmqpConnection;
import dev.fleet.platform.messaging.amqp.AmqpTopology;
import dev.fleet.platform.outbox.OutboxHandler;
import io.dropwizard.lifecycle.Managed;

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

    /**
     * Declares a work queue (with its retry and dead-letter queues) when the app starts, for an app that publishes
     * to it but does not consume it: commands then wait in the broker until their consumer runs, instead of being
     * unroutable.
     */
    static Managed declareQueue(AmqpConnection connection, String queue) {
        return new Managed() {
            @Override
            public void start() throws Exception {
                try (Channel channel = connection.createChannel()) {
                    AmqpTopology.declare(channel, queue);
                }
            }
        };
    }
}
