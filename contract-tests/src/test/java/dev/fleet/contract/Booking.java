package dev.fleet.contract;

import java.math.BigDecimal;

/** A reservation as billing and notifications hear of it: what their contracts check their answers against. */
public record Booking(String reservationId, String customerId, BigDecimal total, String currency) {
}
