package dev.fleet.reservations.api;

import java.time.LocalDate;

/** Event (topic {@code fleet.reservations}): an active reservation was cancelled; its car is free again. */
public record ReservationCancelled(String reservationId, String customerId, String carId, LocalDate from, LocalDate to) {

    public static final String TYPE = "ReservationCancelled";
}
