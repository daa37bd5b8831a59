package dev.fleet.billing.api;

import java.util.List;

/** What other modules (and the message relays) may ask of billing. */
public interface Billing {

    /**
     * Handles a charge command idempotently: the first delivery of a reservation's charge issues its invoice;
     * any later delivery (same message id, or another message for an already invoiced reservation) is skipped.
     *
     * @param messageId the id of the delivered message, recorded to recognise redeliveries
     */
    void charge(String messageId, ChargeRequested command);

    /** The reservation's invoices (at most one), empty when none. */
    List<Invoice> invoicesFor(String reservationId);
}
