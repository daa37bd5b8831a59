package dev.fleet.reservations.internal;

/**
 * The body of POST /api/reservations. Dates are text so that one 422 can name every problem (a malformed date
 * next to a missing customer); {@link ReservationService} validates.
 */
public record ReservationRequest(String customerId, String carId, String from, String to) {
}
