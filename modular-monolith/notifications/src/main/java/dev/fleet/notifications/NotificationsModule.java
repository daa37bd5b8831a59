package dev.fleet.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.notifications.api.Notifications;
import dev.fleet.notifications.internal.NotificationResource;
import dev.fleet.notifications.internal.NotificationService;
import dev.fleet.platform.messaging.MessageHandler;
import dev.fleet.platform.module.FleetModule;
import dev.fleet.reservations.api.ReservationCancelled;
import dev.fleet.reservations.api.ReservationCreated;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Map;

/** The notifications bounded context: exactly one notification per reservation event. */
public class NotificationsModule implements FleetModule {

    private final Notifications notifications;

    /** Notifications in process: stored in this app's database, from the reservation events it handles. */
    public NotificationsModule(Jdbi jdbi, Clock clock) {
        this.notifications = new NotificationService(jdbi, clock);
    }

    /**
     * Notifications served by {@code notifications}, e.g. notification-service through
     * {@link dev.fleet.notifications.remote.RemoteNotifications}: the notifications API answers through it (one API
     * whatever the mode); reservation events go to the service, not to this app.
     */
    public NotificationsModule(Notifications notifications) {
        this.notifications = notifications;
    }

    public Notifications notifications() {
        return notifications;
    }

    /**
     * What notifications does with each reservation event (topic {@code fleet.reservations}), however it arrives:
     * from a broker consumer or in process from an outbox relay. Idempotent on the envelope's eventId.
     */
    public Map<String, MessageHandler> messageHandlers(ObjectMapper json) {
        return Map.of(
                ReservationCreated.TYPE, (envelope, requestId) ->
                        notifications.reservationCreated(envelope.eventId(), envelope.payloadAs(ReservationCreated.class, json)),
                ReservationCancelled.TYPE, (envelope, requestId) ->
                        notifications.reservationCancelled(envelope.eventId(), envelope.payloadAs(ReservationCancelled.class, json)));
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public String changelog() {
        return "db/notifications/changelog.xml";
    }

    @Override
    public void register(Environment environment) {
        environment.jersey().register(new NotificationResource(notifications));
    }
}
