package dev.fleet.billing.api;

import java.math.BigDecimal;

/** An invoice for one reservation; {@code status} is {@code ISSUED} once created. */
public record Invoice(String id, String reservationId, BigDecimal amount, String currency, String status) {

    public static final String ISSUED = "ISSUED";
}
