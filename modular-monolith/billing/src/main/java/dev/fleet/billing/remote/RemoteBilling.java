package dev.fleet.billing.remote;

import dev.fleet.billing.api.Billing;
import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.billing.api.Invoice;
import dev.fleet.platform.remote.Fallback;
import dev.fleet.platform.remote.RemoteService;
import jakarta.ws.rs.core.GenericType;

import java.time.Duration;
import java.util.List;

/**
 * Billing as billing-service answers it (branch by abstraction: the monolith's {@code /api/invoices} keeps asking a
 * {@link Billing}). Reads are Hystrix commands (group and thread pool {@code billing}, key {@code invoicesFor}); a
 * 4xx from billing-service (a bad reservation id) reaches the client unchanged. Charges are not remote calls: they
 * travel to billing-service as {@link ChargeRequested} commands through RabbitMQ.
 */
public class RemoteBilling implements Billing {
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final GenericType<List<Invoice>> INVOICES = new GenericType<>() { };

    private final RemoteService billing;

    /** @param billing {@code settings.remote.service(environment, "billing")} */
    public RemoteBilling(RemoteService billing) {
        this.billing = billing;
    }

    @Override
    public void charge(String messageId, ChargeRequested command) {
        throw new UnsupportedOperationException("billing is remote: charges are not calls but ChargeRequested commands"
                + " that billing-service consumes from RabbitMQ queue " + ChargeRequested.DESTINATION);
    }

    /**
     * Fails fast (503 + {@code Retry-After}) when billing-service cannot answer: no empty or stale list, because an
     * invoice list that silently misses entries would be wrong (a client would conclude "not invoiced").
     */
    @Override
    public List<Invoice> invoicesFor(String reservationId) {
        // a template value is percent-encoded whole, so any id reaches billing-service as sent (it judges it)
        return billing.call("invoicesFor", t -> t.path("/api/invoices").queryParam("reservationId", "{id}")
                        .resolveTemplate("id", reservationId == null ? "" : reservationId).request().get(),
                response -> response.readEntity(INVOICES), Fallback.failFast(RETRY_AFTER));
    }
}
