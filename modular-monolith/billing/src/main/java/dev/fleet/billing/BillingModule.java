package dev.fleet.billing;

import dev.fleet.billing.api.Billing;
import dev.fleet.billing.internal.BillingService;
import dev.fleet.billing.internal.InvoiceResource;
import dev.fleet.platform.module.FleetModule;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;

/** The billing bounded context: one invoice per reservation, from idempotently handled charge commands. */
public class BillingModule implements FleetModule {

    private final BillingService billing;

    public BillingModule(Jdbi jdbi, Clock clock) {
        this.billing = new BillingService(jdbi, clock);
    }

    /** Billing as other modules and the message relays see it. */
    public Billing billing() {
        return billing;
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
