package dev.fleet.notifications.remote;

import dev.fleet.notifications.api.Notification;
import dev.fleet.notifications.api.Notifications;
import dev.fleet.platform.remote.Fallback;
import dev.fleet.platform.remote.RemoteService;
import dev.fleet.reservations.api.ReservationCancelled;
import dev.fleet.reservations.api.ReservationCreated;
import dev.fleet.reservations.api.ReservationEvents;
import jakarta.ws.rs.core.GenericType;

import java.time.Duration;
import java.util.List;

/**
 * Notifications as notification-service answers them (branch by abstraction: the monolith's
 * {@code /api/notifications} keeps asking a {@link Notifications}). Reads are Hystrix commands (group and thread pool
 * {@code notifications}, key {@code notificationsFor}); a 4xx from notification-service (a bad customer id) reaches
 * the client unchanged. Reservation events are not remote calls: notification-service consumes them from Kafka.
 */
public class RemoteNotifications implements Notifications {
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final GenericType<List<Notification>> NOTIFICATIONS = new GenericType<>() { };

    private final RemoteService notifications;

    /** @param notifications {@code settings.remote.service(environment, "notifications")} */
    public RemoteNotifications(RemoteService notifications) {
        this.notifications = notifications;
    }

    @Override
    public void reservationCreated(String messageId, ReservationCreated event) {
        throw eventsAreNotCalls();
    }

    @Override
    public void reservationCancelled(String messageId, ReservationCancelled event) {
        throw eventsAreNotCalls();
    }

    /**
     * Fails fast (503 + {@code Retry-After}) when notification-service cannot answer: no empty or stale list, because
     * a list that silently misses notifications would be wrong (a client would conclude "never notified").
     */
    @Override
    public List<Notification> forCustomer(String customerId) {
        // a template value is percent-encoded whole, so any id reaches notification-service as sent (it judges it)
        return notifications.call("notificationsFor", t -> t.path("/api/notifications").queryParam("customerId", "{id}")
                        .resolveTemplate("id", customerId == null ? "" : customerId).request().get(),
                response -> response.readEntity(NOTIFICATIONS), Fallback.failFast(RETRY_AFTER));
    }

    private static UnsupportedOperationException eventsAreNotCalls() {
        return new UnsupportedOperationException("notifications are remote: reservation events are not calls;"
                + " notification-service consumes them from Kafka topic " + ReservationEvents.TOPIC);
    }
}
