package dev.fleet.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.fleet.contract.Fixtures.unknownUuid;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/invoices?reservationId=}: billing invoices every reservation exactly once, a moment after it is made. */
public interface InvoicesContract extends Contract {

    default Reply invoicesOf(String reservationId) {
        return api().get(Http.query("/api/invoices", "reservationId", reservationId));
    }

    @Test
    default void aReservationIsInvoicedOnceForItsTotal() {
        Booking booking = seed().book();
        List<JsonNode> invoices = Await.until("the invoice of reservation " + booking.reservationId(),
                () -> invoicesOf(booking.reservationId()).list(), list -> !list.isEmpty());
        assertThat(invoices).as("exactly one invoice").hasSize(1);
        JsonNode invoice = invoices.get(0);
        assertThat(invoice.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "reservationId", "amount", "currency", "status");
        assertThat(invoice.get("id").asText()).isNotBlank();
        assertThat(invoice.get("reservationId").asText()).isEqualTo(booking.reservationId());
        assertThat(invoice.get("amount").decimalValue()).isEqualByComparingTo(booking.total());
        assertThat(invoice.get("currency").asText()).isEqualTo(booking.currency());
        assertThat(invoice.get("status").asText()).isEqualTo("ISSUED");
        assertThat(invoicesOf(booking.reservationId()).body()).as("money keeps two decimals").containsPattern("\"amount\":\\d+\\.\\d\\d[,}]");
    }

    @Test
    default void aReservationNobodyMadeHasNoInvoices() {
        assertThat(invoicesOf(unknownUuid()).list()).isEmpty();
    }

    @Test
    default void aMissingOrMalformedReservationIdIs422NamingIt() {
        api().get("/api/invoices").expectError(422, "reservationId is required");
        invoicesOf(" ").expectError(422, "reservationId is required");
        invoicesOf("a b").expectError(422, "reservationId must be");
    }
}
