package dev.fleet.reservations.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A car reserved by a customer from {@code from} (inclusive) to {@code to} (exclusive), at the quoted total. */
public record Reservation(String id, String customerId, String carId, LocalDate from, LocalDate to,
                          ReservationStatus status, BigDecimal total, String currency) {
}
