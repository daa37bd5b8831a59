package dev.fleet.notifications.api;

import java.time.Instant;

/** A notification sent to a customer about a reservation. */
public record Notification(String id, String customerId, String reservationId, String type, Instant sentAt) {

    public static final String RESERVATION_CONFIRMED = "RESERVATION_CONFIRMED";
    public static final String RESERVATION_CANCELLED = "RESERVATION_CANCELLED";
}
