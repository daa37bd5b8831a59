package dev.fleet.billing.internal;

import dev.fleet.platform.ids.Ids;
import dev.fleet.platform.validation.TextField;

/** The limits of every billing input, each stated once (docs/api-limits.md lists them for clients). */
final class InvoiceFields {

    /** The query parameter of GET /api/invoices. */
    static final TextField RESERVATION_ID = TextField.shaped("reservationId", "invoices.reservation_id", 36, Ids.ID, "1-36 letters, digits or '-'");

    private InvoiceFields() {
    }
}
