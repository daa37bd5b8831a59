package dev.fleet.pricing.internal;

import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.customers.api.CustomerDirectory;
import dev.fleet.platform.errors.Problems;
import dev.fleet.platform.money.Money;
import dev.fleet.pricing.api.Pricing;
import dev.fleet.pricing.api.Quote;
import dev.fleet.pricing.api.QuoteLine;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/** Quotes: validates the request against the catalog, the customers and the calendar, then applies the rules. */
public class PricingService implements Pricing {

    public static final int MAX_DAYS = 90;

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
        if (from != null && to != null) {
            long days = ChronoUnit.DAYS.between(from, to);
            if (days <= 0) {
                problems.add("to must be after from (a rental covers from inclusive to to exclusive), got from " + from + " and to " + to);
            } else if (days > MAX_DAYS) {
                problems.add("to must be at most " + MAX_DAYS + " days after from, got " + days + " days");
            }
        }
        LocalDate today = LocalDate.now(clock);
        if (from != null && from.isBefore(today)) {
            problems.add("from must not be in the past, got " + from + " (today is " + today + ")");
        }
        if (customerId != null && !customerId.isBlank() && customers.find(customerId.trim()).isEmpty()) {
            problems.add("customerId: unknown customer " + Problems.abbreviate(customerId.trim()));
        }
        problems.throwIfAny();

        List<QuoteLine> lines = PriceCalculator.lines(car.dailyRate(), from, to, rules.get());
        return new Quote(car.id(), from, to, (int) ChronoUnit.DAYS.between(from, to), PriceCalculator.sum(lines), Money.CURRENCY, lines);
    }
}
