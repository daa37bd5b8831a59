package dev.fleet.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.billing.api.Billing;
import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.notifications.api.Notifications;
import dev.fleet.platform.outbox.OutboxHandler;
import dev.fleet.reservations.api.ReservationCancelled;
import dev.fleet.reservations.api.ReservationCreated;
import dev.fleet.reservations.api.ReservationEvents;

import java.util.Map;

/**
 * In-process delivery of the reservations outbox: each destination's messages go straight to the module that
 * consumes them. (The Kafka and RabbitMQ relays replace these handlers when the consumers run as services.)
 */
final class LocalDelivery {

    private LocalDelivery() {
    }

    static Map<String, OutboxHandler> handlers(ObjectMapper json, Billing billing, Notifications notifications) {
        return Map.of(
                ChargeRequested.DESTINATION,
                message -> billing.charge(message.id().toString(), json.readValue(message.payload(), ChargeRequested.class)),
                ReservationEvents.TOPIC,
                message -> {
                    switch (message.type()) {
                        case ReservationCreated.TYPE -> notifications.reservationCreated(message.id().toString(),
                                json.readValue(message.payload(), ReservationCreated.class));
                        case ReservationCancelled.TYPE -> notifications.reservationCancelled(message.id().toString(),
                                json.readValue(message.payload(), ReservationCancelled.class));
                        default -> {
                            // an event notifications does not care about: delivered means nothing to do
                        }
                    }
                });
    }
}
