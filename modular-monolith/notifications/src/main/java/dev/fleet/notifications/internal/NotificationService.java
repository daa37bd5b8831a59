package dev.fleet.notifications.internal;

import dev.fleet.notifications.api.Notification;
import dev.fleet.notifications.api.Notifications;
import dev.fleet.platform.db.Databases;
import dev.fleet.platform.errors.Problems;
import dev.fleet.platform.messaging.PoisonMessageException;
import dev.fleet.reservations.api.ReservationCancelled;
import dev.fleet.reservations.api.ReservationCreated;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Turns reservation events into notifications. "Sending" is logging and storing; a real mail gateway would be
 * called after the commit (and would need its own idempotency key, the notification id).
 */
public class NotificationService implements Notifications {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);

    private final Jdbi jdbi;
    private final Clock clock;

    public NotificationService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public void reservationCreated(String messageId, ReservationCreated event) {
        Objects.requireNonNull(event, "event");
        notify(messageId, event.customerId(), event.reservationId(), Notification.RESERVATION_CONFIRMED,
                "your reservation of car " + event.carId() + " from " + event.from() + " to " + event.to() + " is confirmed");
    }

    @Override
    public void reservationCancelled(String messageId, ReservationCancelled event) {
        Objects.requireNonNull(event, "event");
        notify(messageId, event.customerId(), event.reservationId(), Notification.RESERVATION_CANCELLED,
                "your reservation of car " + event.carId() + " from " + event.from() + " to " + event.to() + " is cancelled");
    }

    private void notify(String messageId, String customerId, String reservationId, String type, String text) {
        Problems problems = new Problems();
        NotificationFields.MESSAGE_ID.required(problems, messageId);
        NotificationFields.CUSTOMER_ID.required(problems, customerId);
        NotificationFields.RESERVATION_ID.required(problems, reservationId);
        if (!problems.isEmpty()) {
            // cannot succeed on retry either: dead-lettered at once, kept visible there
            throw new PoisonMessageException("invalid reservation event: " + String.join("; ", problems.list()));
        }
        // Microsecond precision: what both H2 and PostgreSQL store, so the API shows what was saved.
        Notification notification = new Notification(UUID.randomUUID().toString(), customerId, reservationId, type,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        try {
            boolean sent = jdbi.inTransaction(h -> {
                NotificationDao dao = h.attach(NotificationDao.class);
                dao.recordMessage(messageId, notification.sentAt());
                if (dao.count(reservationId, type) > 0) {
                    return false;
                }
                dao.insert(notification);
                return true;
            });
            if (sent) {
                LOG.info("notified customer {} ({}): {}", customerId, type, text);
            } else {
                LOG.info("customer {} was already notified ({} of reservation {}); skipped message {}", customerId, type, reservationId, messageId);
            }
        } catch (RuntimeException e) {
            if (!Databases.isUniqueViolation(e)) {
                throw e;
            }
            LOG.info("skipped duplicate message {} ({} of reservation {})", messageId, type, reservationId);
        }
    }

    @Override
    public List<Notification> forCustomer(String customerId) {
        Problems problems = new Problems();
        String id = NotificationFields.CUSTOMER_ID.required(problems, customerId);
        problems.throwIfAny();
        return jdbi.withExtension(NotificationDao.class, dao -> dao.forCustomer(id));
    }
}
