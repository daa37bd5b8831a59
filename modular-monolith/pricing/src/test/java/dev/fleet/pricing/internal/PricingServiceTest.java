package dev.fleet.pricing.internal;

import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.catalog.api.CarCategory;
import dev.fleet.customers.api.Customer;
import dev.fleet.customers.api.CustomerDirectory;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.pricing.api.Quote;
import dev.fleet.pricing.api.QuoteLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The price rules with "today" pinned to Monday 2025-06-02 (UTC). */
class PricingServiceTest {

    /** The seeded rules (db/pricing/changelog.xml). */
    static final List<PriceRule> RULES = List.of(
            new PriceRule("WEEKEND", PriceRule.Kind.WEEKEND_SURCHARGE, new BigDecimal("20.00"), null),
            new PriceRule("LONG-7", PriceRule.Kind.LONG_RENTAL_DISCOUNT, new BigDecimal("10.00"), 7),
            new PriceRule("LONG-28", PriceRule.Kind.LONG_RENTAL_DISCOUNT, new BigDecimal("20.00"), 28));

    static final Clock MONDAY = Clock.fixed(Instant.parse("2025-06-02T23:59:00Z"), ZoneOffset.UTC);
    static final String ADA = "c0000000-0000-4000-8000-000000000001";

    static final Map<String, Car> CARS = Map.of(
            "GALAXY", new Car("GALAXY", "Ford", "Galaxy", CarCategory.VAN, new BigDecimal("59.00"), "MAD"),
            "ODD", new Car("ODD", "Fiat", "Panda", CarCategory.ECONOMY, new BigDecimal("9.52"), "MAD"));

    static final CarCatalog CATALOG = new CarCatalog() {
        @Override
        public Optional<Car> find(String id) {
            return Optional.ofNullable(CARS.get(id));
        }

        @Override
        public List<Car> list() {
            return List.copyOf(CARS.values());
        }
    };

    static final CustomerDirectory CUSTOMERS = id -> ADA.equals(id)
            ? Optional.of(new Customer(ADA, "Ada Lovelace", "ada@example.com", "ADA-1815")) : Optional.empty();

    final PricingService pricing = new PricingService(() -> RULES, CATALOG, CUSTOMERS, MONDAY);

    @Test
    void weekdayOnlyRentalIsDaysTimesRate() {
        Quote quote = pricing.quote("GALAXY", LocalDate.parse("2025-06-02"), LocalDate.parse("2025-06-07"), null); // Mon–Fri
        assertThat(quote.days()).isEqualTo(5);
        assertThat(quote.breakdown()).containsExactly(line("5 days × 59.00", "295.00"));
        assertThat(quote.total()).isEqualTo(new BigDecimal("295.00"));
        assertThat(quote.currency()).isEqualTo("EUR");
        assertThat(quote.carId()).isEqualTo("GALAXY");
        assertThat(quote.from()).isEqualTo(LocalDate.parse("2025-06-02"));
        assertThat(quote.to()).isEqualTo(LocalDate.parse("2025-06-07"));
    }

    @Test
    void eachSaturdayAndSundayCostsTwentyPercentOfTheDailyRateExtra() {
        Quote quote = pricing.quote("GALAXY", LocalDate.parse("2025-06-06"), LocalDate.parse("2025-06-10"), null); // Fri, Sat, Sun, Mon
        assertThat(quote.breakdown()).containsExactly(
                line("4 days × 59.00", "236.00"),
                line("Weekend surcharge: 2 days × 20 % of 59.00", "23.60"));
        assertThat(quote.total()).isEqualTo(new BigDecimal("259.60"));
    }

    @Test
    void theReturnDayIsNotRented() {
        // Fri to Sat: only the Friday is inside the rental, so no weekend surcharge.
        Quote quote = pricing.quote("GALAXY", LocalDate.parse("2025-06-06"), LocalDate.parse("2025-06-07"), null);
        assertThat(quote.breakdown()).containsExactly(line("1 day × 59.00", "59.00"));
        // Sat to Sun: the Saturday is.
        assertThat(pricing.quote("GALAXY", LocalDate.parse("2025-06-07"), LocalDate.parse("2025-06-08"), null).breakdown())
                .containsExactly(line("1 day × 59.00", "59.00"), line("Weekend surcharge: 1 day × 20 % of 59.00", "11.80"));
    }

    @Test
    void sixDaysGetNoDiscount() {
        Quote quote = pricing.quote("GALAXY", LocalDate.parse("2025-06-02"), LocalDate.parse("2025-06-08"), null); // Mon–Sat
        assertThat(quote.breakdown()).containsExactly(
                line("6 days × 59.00", "354.00"),
                line("Weekend surcharge: 1 day × 20 % of 59.00", "11.80"));
        assertThat(quote.total()).isEqualTo(new BigDecimal("365.80"));
    }

    @Test
    void exactlySevenDaysGetTenPercentOffTheSubtotal() {
        Quote quote = pricing.quote("GALAXY", LocalDate.parse("2025-06-02"), LocalDate.parse("2025-06-09"), null);
        assertThat(quote.days()).isEqualTo(7);
        assertThat(quote.breakdown()).containsExactly(
                line("7 days × 59.00", "413.00"),
                line("Weekend surcharge: 2 days × 20 % of 59.00", "23.60"),
                line("Long-rental discount (7+ days): 10 % off 436.60", "-43.66"));
        assertThat(quote.total()).isEqualTo(new BigDecimal("392.94"));
    }

    @Test
    void twentySevenDaysStillGetTenPercent() {
        Quote quote = pricing.quote("GALAXY", LocalDate.parse("2025-06-02"), LocalDate.parse("2025-06-29"), null); // 27 days, 7 of them weekend days
        assertThat(quote.breakdown()).last().isEqualTo(line("Long-rental discount (7+ days): 10 % off 1675.60", "-167.56"));
    }

    @Test
    void twentyEightDaysGetTheBiggerTierOnly() {
        Quote quote = pricing.quote("GALAXY", LocalDate.parse("2025-06-02"), LocalDate.parse("2025-06-30"), null);
        assertThat(quote.days()).isEqualTo(28);
        assertThat(quote.breakdown()).containsExactly(
                line("28 days × 59.00", "1652.00"),
                line("Weekend surcharge: 8 days × 20 % of 59.00", "94.40"),
                line("Long-rental discount (28+ days): 20 % off 1746.40", "-349.28"));
        assertThat(quote.total()).isEqualTo(new BigDecimal("1397.12"));
    }

    @Test
    void eachLineIsRoundedToCentsHalfEven() {
        // 9.52 a day: 2 weekend days × 20 % = 3.808 → 3.81; 10 % of 70.45 = 7.045 → 7.04 (half-even, not 7.05).
        Quote quote = pricing.quote("ODD", LocalDate.parse("2025-06-02"), LocalDate.parse("2025-06-09"), null);
        assertThat(quote.breakdown()).containsExactly(
                line("7 days × 9.52", "66.64"),
                line("Weekend surcharge: 2 days × 20 % of 9.52", "3.81"),
                line("Long-rental discount (7+ days): 10 % off 70.45", "-7.04"));
        assertThat(quote.total()).isEqualTo(new BigDecimal("63.41"));
    }

    @ParameterizedTest
    @CsvSource({"GALAXY,2025-06-02,2025-06-03", "GALAXY,2025-06-05,2025-06-16", "ODD,2025-06-03,2025-08-31", "ODD,2025-06-07,2025-07-09"})
    void totalIsTheSumOfTheLinesWithTwoDecimals(String car, String from, String to) {
        Quote quote = pricing.quote(car, LocalDate.parse(from), LocalDate.parse(to), ADA);
        BigDecimal sum = quote.breakdown().stream().map(QuoteLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(quote.total()).isEqualTo(sum).hasScaleOf(2);
        assertThat(quote.breakdown()).allSatisfy(l -> assertThat(l.amount().scale()).isEqualTo(2));
    }

    @Test
    void rulesAreData() {
        PricingService noRules = new PricingService(List::of, CATALOG, CUSTOMERS, MONDAY);
        assertThat(noRules.quote("GALAXY", LocalDate.parse("2025-06-02"), LocalDate.parse("2025-06-30"), null).breakdown())
                .containsExactly(line("28 days × 59.00", "1652.00"));
    }

    @Test
    void todayAndNinetyDaysAreAllowed() {
        assertThat(pricing.quote("GALAXY", LocalDate.parse("2025-06-02"), LocalDate.parse("2025-08-31"), ADA).days()).isEqualTo(90);
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        ApiException e = problems(() -> pricing.quote("NOPE", LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-01"), "c0000000-0000-4000-8000-0000000000ff"));
        assertThat(e.errors()).containsExactly(
                "carId: unknown car NOPE",
                "to must be after from (a rental covers from inclusive to to exclusive), got from 2025-06-01 and to 2025-06-01",
                "from must not be in the past, got 2025-06-01 (today is 2025-06-02)",
                "customerId: unknown customer c0000000-0000-4000-8000-0000000000ff");
    }

    @Test
    void singleProblems() {
        assertThat(problems(() -> pricing.quote("GALAXY", LocalDate.parse("2025-06-10"), LocalDate.parse("2025-06-05"), null)).errors())
                .containsExactly("to must be after from (a rental covers from inclusive to to exclusive), got from 2025-06-10 and to 2025-06-05");
        assertThat(problems(() -> pricing.quote("GALAXY", LocalDate.parse("2025-06-02"), LocalDate.parse("2025-09-01"), null)).errors())
                .containsExactly("to must be at most 90 days after from, got 91 days");
        assertThat(problems(() -> pricing.quote(" ", null, null, null)).errors())
                .containsExactly("from is required (YYYY-MM-DD)", "to is required (YYYY-MM-DD)", "carId is required");
        assertThat(problems(() -> pricing.quoteText(null, "2025-13-01", "tomorrow", "x")).errors())
                .containsExactly("from must be a date as YYYY-MM-DD, got '2025-13-01'", "to must be a date as YYYY-MM-DD, got 'tomorrow'",
                        "carId is required", "customerId: unknown customer x");
    }

    private static ApiException problems(Runnable quote) {
        ApiException e = catchThrowableOfType(quote::run, ApiException.class);
        assertThat(e).as("a 422").isNotNull();
        assertThat(e.status()).isEqualTo(422);
        return e;
    }

    private static QuoteLine line(String label, String amount) {
        return new QuoteLine(label, new BigDecimal(amount));
    }
}
