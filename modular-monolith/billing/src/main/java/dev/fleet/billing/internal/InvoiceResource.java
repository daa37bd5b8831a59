package dev.fleet.billing.internal;

import dev.fleet.billing.api.Billing;
import dev.fleet.billing.api.Invoice;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** GET /api/invoices?reservationId=… (from this app's billing, or from billing-service in remote mode). */
@Path("/api/invoices")
@Produces(MediaType.APPLICATION_JSON)
public class InvoiceResource {

    private final Billing billing;

    public InvoiceResource(Billing billing) {
        this.billing = billing;
    }

    @GET
    public List<Invoice> list(@QueryParam("reservationId") String reservationId) {
        return billing.invoicesFor(reservationId);
    }
}
