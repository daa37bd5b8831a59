package dev.fleet.reservations.api;

/** A reservation holds its car while ACTIVE; a CANCELLED one frees it. */
public enum ReservationStatus {
    ACTIVE, CANCELLED
}
