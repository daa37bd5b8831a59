package dev.fleet.billing.api;

import java.math.BigDecimal;

/**
 * The command to charge a customer for a reservation (queue {@code fleet.billing.charges}). Billing turns each
 * reservation's charge into exactly one invoice, however often the command is delivered.
 */
public record ChargeRequested(String chargeId, String reservationId, String customerId, BigDecimal amount, String currency) {

    /** Where the command is sent. */
    public static final String DESTINATION = "fleet.billing.charges";
    public static final String TYPE = "ChargeRequested";
}
