package dev.fleet.services.pricing;

import dev.fleet.catalog.remote.RemoteCarCatalog;
import dev.fleet.customers.remote.RemoteCustomerDirectory;
import dev.fleet.platform.app.FleetApp;
import dev.fleet.platform.remote.RemoteCallsBundle;
import dev.fleet.pricing.PricingModule;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;

/**
 * pricing-service: the pricing module alone, serving {@code GET /api/quotes} from its own price rules. The cars it
 * prices come from catalog-service, the customers it checks from the monolith, each through a Hystrix command
 * ({@code findCar}, {@code findCustomer}) with a stale-value fallback.
 */
public class PricingServiceApplication extends Application<PricingServiceConfiguration> {

    /** The master changelog: the pricing module's changelog only (named after the service: see catalog-service). */
    static final String MIGRATIONS = "pricing-service-migrations.xml";

    public static void main(String[] args) throws Exception {
        new PricingServiceApplication().run(args);
    }

    @Override
    public String getName() {
        return "pricing-service";
    }

    @Override
    public void initialize(Bootstrap<PricingServiceConfiguration> bootstrap) {
        FleetApp.initialize(bootstrap, MIGRATIONS);
        bootstrap.addBundle(new RemoteCallsBundle());
    }

    @Override
    public void run(PricingServiceConfiguration configuration, Environment environment) {
        Jdbi jdbi = FleetApp.jdbi(configuration, environment, MIGRATIONS);
        var remote = configuration.getRemote();
        new PricingModule(jdbi,
                new RemoteCarCatalog(remote.service(environment, "catalog")),
                new RemoteCustomerDirectory(remote.service(environment, "customers")),
                Clock.systemUTC()).register(environment);
    }
}
