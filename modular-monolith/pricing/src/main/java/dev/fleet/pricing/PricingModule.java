package dev.fleet.pricing;

import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.customers.api.CustomerDirectory;
import dev.fleet.platform.module.FleetModule;
import dev.fleet.pricing.api.Pricing;
import dev.fleet.pricing.internal.PriceRuleDao;
import dev.fleet.pricing.internal.PricingService;
import dev.fleet.pricing.internal.QuoteResource;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;

/** The pricing bounded context: price rules (as data) and quotes for a car and a period. */
public class PricingModule implements FleetModule {

    private final PricingService pricing;

    /** @param clock decides what "today" is for the not-in-the-past rule; the app passes {@code Clock.systemUTC()} */
    public PricingModule(Jdbi jdbi, CarCatalog cars, CustomerDirectory customers, Clock clock) {
        this.pricing = new PricingService(jdbi.onDemand(PriceRuleDao.class)::list, cars, customers, clock);
    }

    /** Pricing as other modules see it. */
    public Pricing pricing() {
        return pricing;
    }

    @Override
    public String name() {
        return "pricing";
    }

    @Override
    public String changelog() {
        return "db/pricing/changelog.xml";
    }

    @Override
    public void register(Environment environment) {
        environment.jersey().register(new QuoteResource(pricing));
    }
}
