package dev.fleet.billing.internal;

import dev.fleet.platform.validation.AmountField;
import dev.fleet.platform.validation.TextField;

import java.util.regex.Pattern;

/**
 * The limits of every billing input, each stated once (docs/api-limits.md lists them for clients): the query of
 * GET /api/invoices and the fields of a ChargeRequested command.
 */
final class InvoiceFields {

    /** The query parameter of GET /api/invoices, and the command's reservation. */
    static final TextField RESERVATION_ID = TextField.id("reservationId", "invoices.reservation_id");
    static final TextField CUSTOMER_ID = TextField.id("customerId", "invoices.customer_id");
    /** The delivered message's id (the envelope's eventId), recorded to recognise a redelivery. */
    static final TextField MESSAGE_ID = TextField.token("messageId", "billing_processed_messages.message_id");
    static final TextField CURRENCY = TextField.shaped("currency", "invoices.currency", 3, Pattern.compile("[A-Z]{3}"), "an ISO 4217 code such as EUR");
    /** Up to what the column holds: the largest quote is far below (FieldLimitsTest). */
    static final AmountField AMOUNT = AmountField.centsFromZero("amount", "invoices.amount", "9999999999.99");

    private InvoiceFields() {
    }
}
