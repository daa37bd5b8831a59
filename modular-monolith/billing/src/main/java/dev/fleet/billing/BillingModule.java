package dev.fleet.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.billing.api.Billing;
import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.billing.internal.BillingService;
import dev.fleet.billing.internal.InvoiceResource;
import dev.fleet.platform.messaging.MessageHandler;
import dev.fleet.platform.module.FleetModule;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.util.Map;

/** The billing bounded context: one invoice per reservation, from idempotently handled charge commands. */
public class BillingModule implements FleetModule {

    private final Billing billing;

    /** Billing in process: invoices in this app's database, issued from the charge commands it handles. */
    public BillingModule(Jdbi jdbi, Clock clock) {
        this.billing = new BillingService(jdbi, clock);
    }

    /**
     * Billing served by {@code billing}, e.g. billing-service through {@link dev.fleet.billing.remote.RemoteBilling}:
     * the invoices API answers through it (one API whatever the mode); charges go to the service, not to this app.
     */
    public BillingModule(Billing billing) {
        this.billing = billing;
    }

    /** Billing as other modules and the message relays see it. */
    public Billing billing() {
        return billing;
    }

    /**
     * What billing does with each message type it receives (queue {@link ChargeRequested#DESTINATION}), however
     * it arrives: from a broker consumer or in process from an outbox relay. Idempotent on the envelope's eventId.
     */
    public Map<String, MessageHandler> messageHandlers(ObjectMapper json) {
        return Map.of(ChargeRequested.TYPE, (envelope, requestId) ->
                billing.charge(envelope.eventId(), envelope.payloadAs(ChargeRequested.class, json)));
    }

    @Override
    public String name() {
        return "billing";
    }

    @Override
    public String changelog() {
        return "db/billing/changelog.xml";
    }

    @Override
    public void register(Environment environment) {
        environment.jersey().register(new InvoiceResource(billing));
    }
}
