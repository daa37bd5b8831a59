package dev.fleet.notifications.api;

import dev.fleet.reservations.api.ReservationCancelled;
import dev.fleet.reservations.api.ReservationCreated;

import java.util.List;

/**
 * What the message relays (and other modules) may ask of notifications. Each event yields exactly one
 * notification, however often it is delivered: redeliveries are recognised by message id and by
 * (reservation, type).
 */
public interface Notifications {

    void reservationCreated(String messageId, ReservationCreated event);

    void reservationCancelled(String messageId, ReservationCancelled event);

    /** The customer's notifications, oldest first. */
    List<Notification> forCustomer(String customerId);
}
