package dev.fleet.customers;

import dev.fleet.customers.api.CustomerDirectory;
import dev.fleet.customers.internal.CustomerResource;
import dev.fleet.customers.internal.CustomerService;
import dev.fleet.platform.module.FleetModule;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

/** The customers bounded context: who may rent, identified by email and driving licence. */
public class CustomersModule implements FleetModule {

    private final CustomerService customers;

    public CustomersModule(Jdbi jdbi) {
        this.customers = new CustomerService(jdbi);
    }

    /** The customers as other modules see them. */
    public CustomerDirectory directory() {
        return customers;
    }

    @Override
    public String name() {
        return "customers";
    }

    @Override
    public String changelog() {
        return "db/customers/changelog.xml";
    }

    @Override
    public void register(Environment environment) {
        environment.jersey().register(new CustomerResource(customers));
    }
}
