package dev.fleet.pricing;

import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.customers.api.CustomerDirectory;
import dev.fleet.platform.module.FleetModule;
import dev.fleet.pricing.api.Pricing;
import dev.fleet.pricing.internal.PriceRuleDao;
import dev.fleet.pricing.internal.PricingService;
import dev.fleet.pricing.internal.QuoteResource;
import dev.fleet.pricing.remote.RemotePricing;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;

/** The pricing bounded context: price rules (as data) and quotes for a car and a period. */
public class PricingModule implements FleetModule {

    private final PricingService pricing;
    private QuoteResource.TextQuotes quotes;

    /** @param clock decides what "today" is for the not-in-the-past rule; the app passes {@code Clock.systemUTC()} */
    public PricingModule(Jdbi jdbi, CarCatalog cars, CustomerDirectory customers, Clock clock) {
        this.pricing = new PricingService(jdbi.onDemand(PriceRuleDao.class)::list, cars, customers, clock);
        this.quotes = pricing::quoteText;
    }

    /** Pricing as other modules see it: the local rules (the app hands other modules another one in remote mode). */
    public Pricing pricing() {
        return pricing;
    }

    /**
     * Remote mode: {@code GET /api/quotes} answers through pricing-service, which gets the client's parameters as
     * written, so its answers (and its 422s, naming every problem) are the ones clients see. Call before {@link #register}.
     */
    public void serveQuotesThrough(RemotePricing remote) {
        quotes = remote::quoteText;
    }

    /**
     * Any other {@link Pricing} (the parallel run): {@code GET /api/quotes} parses the dates, that pricing does the
     * rest. Call before {@link #register}.
     */
    public void serveQuotesThrough(Pricing other) {
        quotes = QuoteResource.parsingDates(other);
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
        environment.jersey().register(new QuoteResource(quotes));
    }
}
