package dev.fleet.pricing.internal;

import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.customers.api.CustomerDirectory;
import dev.fleet.platform.errors.Problems;
import dev.fleet.platform.money.Money;
import dev.fleet.pricing.api.Pricing;
import dev.fleet.pricing.api.Quote;
import dev.fleet.pricing.api.QuoteLine;
import dev.fleet.pricing.api.RentalPeriod;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/** Quotes: validates the request against the catalog, the customers and the calendar, then applies the rules. */
public class PricingService implements Pricing {

    private final Supplier<List<PriceRule>> rules;
    private final CarCatalog cars;
    private final CustomerDirectory customers;
    private final Clock clock;

    /** @param rules read on every quote, so a changed rule applies at once */
    public PricingService(Supplier<List<PriceRule>> rules, CarCatalog cars, CustomerDirectory customers, Clock clock) {
        this.rules = rules;
        this.cars = cars;
        this.customers = customers;
        this.clock = clock;
    }

    @Override
    public Quote quote(String carId, LocalDate from, LocalDate to, String customerId) {
        Problems problems = new Problems();
        problems.check(from != null, "from is required (YYYY-MM-DD)");
        problems.check(to != null, "to is required (YYYY-MM-DD)");
        return quote(problems, carId, from, to, customerId);
    }

    /** The HTTP form: dates as text, so a malformed date is one more problem in the same 422. */
    public Quote quoteText(String carId, String from, String to, String customerId) {
        Problems problems = new Problems();
        LocalDate fromDate = problems.date("from", from);
        LocalDate toDate = problems.date("to", to);
        return quote(problems, carId, fromDate, toDate, customerId);
    }

    private Quote quote(Problems problems, String carId, LocalDate from, LocalDate to, String customerId) {
        Car car = null;
        String id = problems.required("carId", carId);
        if (id != null) {
            car = cars.find(id).orElse(null);
            problems.check(car != null, "carId: unknown car " + Problems.abbreviate(id));
        }
        RentalPeriod.check(problems, from, to, LocalDate.now(clock));
        String customer = customerId == null ? "" : Problems.trim(customerId); // optional
        if (!customer.isEmpty() && customers.find(customer).isEmpty()) {
            problems.add("customerId: unknown customer " + Problems.abbreviate(customer));
        }
        problems.throwIfAny();

        List<QuoteLine> lines = PriceCalculator.lines(car.dailyRate(), from, to, rules.get());
        return new Quote(car.id(), from, to, (int) ChronoUnit.DAYS.between(from, to), PriceCalculator.sum(lines), Money.CURRENCY, lines);
    }
}
