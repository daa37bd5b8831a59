package dev.fleet.pricing.parallel;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.codahale.metrics.MetricRegistry;
import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.catalog.api.CarCategory;
import dev.fleet.customers.api.CustomerDirectory;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.remote.RemoteClientException;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.pricing.PricingModule;
import dev.fleet.pricing.api.Pricing;
import dev.fleet.pricing.api.Quote;
import dev.fleet.pricing.api.QuoteLine;
import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jdbi.v3.core.statement.StatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The parallel run with real pricing on both sides: two {@link PricingModule}s, each over its own database migrated
 * with the pricing changelog. A rule changed in the candidate's database makes a real mismatch; a table dropped from
 * one makes a real failure. "Today" is Monday 2025-06-02 (UTC) on both sides.
 */
class ParallelPricingTest {

    static final Clock MONDAY = Clock.fixed(Instant.parse("2025-06-02T10:00:00Z"), ZoneOffset.UTC);
    static final Car GALAXY = new Car("GALAXY", "Ford", "Galaxy", CarCategory.VAN, new BigDecimal("59.00"), "MAD");
    static final Car NEW_CAR = new Car("NEW", "Renault", "Zoe", CarCategory.COMPACT, new BigDecimal("39.50"), "BCN");
    static final CustomerDirectory NO_CUSTOMERS = id -> Optional.empty();

    static final LocalDate MON = LocalDate.parse("2025-06-02");
    static final LocalDate FRI = LocalDate.parse("2025-06-06");
    static final LocalDate SAT = LocalDate.parse("2025-06-07");
    static final LocalDate SUN = LocalDate.parse("2025-06-08");

    static final List<TestDatabase> DATABASES = new ArrayList<>();

    final MetricRegistry metrics = new MetricRegistry();
    final ExecutorService candidates = Executors.newFixedThreadPool(2);
    final CountDownLatch release = new CountDownLatch(1);
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(ParallelPricing.class)).addAppender(logs);
    }

    @AfterEach
    void stop() {
        release.countDown();
        candidates.shutdownNow();
        ((Logger) LoggerFactory.getLogger(ParallelPricing.class)).detachAppender(logs);
    }

    @AfterAll
    static void dropDatabases() {
        DATABASES.forEach(TestDatabase::close);
    }

    @Test
    void equalAnswersAreCountedAsMatchesAndBothSidesAreTimed() {
        Pricing control = pricing(GALAXY);
        ParallelPricing parallel = parallel(control, pricing(GALAXY));

        assertThat(parallel.quote("GALAXY", MON, FRI, null)).isEqualTo(control.quote("GALAXY", MON, FRI, null));
        assertThat(parallel.quote("GALAXY", SAT, SUN, null)).isEqualTo(control.quote("GALAXY", SAT, SUN, null));
        assertThat(parallel.quote("GALAXY", MON, MON.plusDays(7), null).total()).isEqualByComparingTo("392.94");

        awaitOutcomes(3);
        assertThat(outcomes()).containsExactlyInAnyOrderEntriesOf(Map.of("matches", 3L, "mismatches", 0L,
                "candidate.errors", 0L, "candidate.timeouts", 0L, "inconclusive", 0L, "skipped", 0L));
        assertThat(metrics.timer("pricing.parallel.control").getCount()).isEqualTo(3);
        assertThat(metrics.timer("pricing.parallel.candidate").getCount()).isEqualTo(3);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void aDivergentRuleIsAMismatchLoggedWithBothValuesWhileTheCallerGetsTheControlsQuote() {
        Pricing control = pricing(GALAXY);
        Pricing candidate = pricing(GALAXY, "UPDATE price_rules SET percent = 25 WHERE code = 'WEEKEND'");
        ParallelPricing parallel = parallel(control, candidate);

        Quote answer = parallel.quote("GALAXY", SAT, SUN, null);

        assertThat(answer).isEqualTo(control.quote("GALAXY", SAT, SUN, null));
        assertThat(answer.total()).isEqualByComparingTo("70.80"); // 59.00 + 20 % weekend; the candidate says 73.75
        awaitOutcomes(1);
        assertThat(metrics.counter("pricing.parallel.mismatches").getCount()).isEqualTo(1);
        assertThat(metrics.counter("pricing.parallel.matches").getCount()).isZero();
        assertThat(warnings()).singleElement().satisfies(line -> assertThat(line).contains(
                "carId=GALAXY", "from=2025-06-07", "to=2025-06-08",
                "total=70.80", "Weekend surcharge: 1 day × 20 % of 59.00",
                "total=73.75", "Weekend surcharge: 1 day × 25 % of 59.00"));

        // the changed rule only bites on weekends: a weekday rental still matches
        parallel.quote("GALAXY", MON, FRI, null);
        awaitOutcomes(2);
        assertThat(metrics.counter("pricing.parallel.matches").getCount()).isEqualTo(1);
        assertThat(metrics.counter("pricing.parallel.mismatches").getCount()).isEqualTo(1);
    }

    @Test
    void amountsAreComparedByValueNotByScale() {
        Quote twoPlaces = quote("70.80", line("1 day × 59.00", "59.00"), line("Weekend surcharge: 1 day × 20 % of 59.00", "11.80"));
        Quote fromJson = quote("70.8", line("1 day × 59.00", "59"), line("Weekend surcharge: 1 day × 20 % of 59.00", "11.8"));
        assertThat(twoPlaces).as("record equality is scale-sensitive").isNotEqualTo(fromJson);
        assertThat(ParallelPricing.sameQuote(twoPlaces, fromJson)).isTrue();

        assertThat(ParallelPricing.sameQuote(twoPlaces, quote("70.81", line("1 day × 59.00", "59.00"), line("Weekend surcharge: 1 day × 20 % of 59.00", "11.81")))).isFalse();
        assertThat(ParallelPricing.sameQuote(twoPlaces, quote("70.80", line("1 day × 59.00", "59.00"), line("Weekend: 1 day", "11.80")))).isFalse();
        assertThat(ParallelPricing.sameQuote(twoPlaces, quote("70.80", line("1 day × 59.00", "70.80")))).isFalse();
        assertThat(ParallelPricing.sameQuote(twoPlaces, null)).isFalse();
    }

    @Test
    void aFailingCandidateIsACandidateErrorAndNeverReachesTheCaller() {
        Pricing control = pricing(GALAXY);
        Pricing broken = pricing(GALAXY, "DROP TABLE price_rules");
        assertThat(catchThrowable(() -> broken.quote("GALAXY", SAT, SUN, null))).isInstanceOf(StatementException.class);
        ParallelPricing parallel = parallel(control, broken);

        assertThat(parallel.quote("GALAXY", SAT, SUN, null)).isEqualTo(control.quote("GALAXY", SAT, SUN, null));

        awaitOutcomes(1);
        assertThat(metrics.counter("pricing.parallel.candidate.errors").getCount()).isEqualTo(1);
        assertThat(metrics.counter("pricing.parallel.candidate.timeouts").getCount()).isZero();
        assertThat(metrics.counter("pricing.parallel.mismatches").getCount()).isZero();
        assertThat(metrics.timer("pricing.parallel.candidate").getCount()).as("failed runs are timed too").isEqualTo(1);
    }

    @Test
    void theCallerDoesNotWaitForTheCandidate() throws InterruptedException {
        Pricing control = pricing(GALAXY);
        CountDownLatch started = new CountDownLatch(1);
        ParallelPricing parallel = new ParallelPricing(control, held(pricing(GALAXY), started), metrics, candidates, Duration.ofMinutes(1));

        // the candidate is held until this test lets it go, so a parallel run that waited for it would hang here
        Quote answer = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> parallel.quote("GALAXY", SAT, SUN, null));

        assertThat(answer).isEqualTo(control.quote("GALAXY", SAT, SUN, null));
        assertThat(started.await(10, TimeUnit.SECONDS)).as("the candidate ran alongside").isTrue();
        assertThat(outcomes().values()).as("nothing judged while the candidate runs").allMatch(count -> count == 0);
        release.countDown();
        awaitOutcomes(1);
        assertThat(metrics.counter("pricing.parallel.matches").getCount()).as("judged when the candidate finished").isEqualTo(1);
    }

    @Test
    void aCandidateSlowerThanItsTimeoutIsACandidateError() {
        Pricing control = pricing(GALAXY);
        ParallelPricing parallel = new ParallelPricing(control, held(pricing(GALAXY), new CountDownLatch(1)), metrics, candidates, Duration.ofMillis(100));

        assertThat(parallel.quote("GALAXY", MON, FRI, null)).isEqualTo(control.quote("GALAXY", MON, FRI, null));

        awaitOutcomes(1);
        assertThat(metrics.counter("pricing.parallel.candidate.errors").getCount()).isEqualTo(1);
        assertThat(metrics.counter("pricing.parallel.candidate.timeouts").getCount()).isEqualTo(1);
        assertThat(metrics.counter("pricing.parallel.matches").getCount()).isZero();
    }

    @Test
    void whenTheCandidatePoolIsFullTheRunIsSkippedAndTheCallerStillAnswered() throws Exception {
        Environment environment = new Environment("parallel-test");
        Pricing control = pricing(GALAXY);
        CountDownLatch started = new CountDownLatch(1);
        ParallelPricing parallel = new ParallelRunSettings().withThreads(1).withQueue(0).withCandidateTimeout(io.dropwizard.util.Duration.minutes(1))
                .build(control, held(pricing(GALAXY), started), environment);
        try {
            parallel.quote("GALAXY", MON, FRI, null);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(parallel.quote("GALAXY", SAT, SUN, null)).as("one thread, no queue, the first candidate holds it")
                    .isEqualTo(control.quote("GALAXY", SAT, SUN, null));
            MetricRegistry appMetrics = environment.metrics();
            assertThat(appMetrics.counter("pricing.parallel.skipped").getCount()).isEqualTo(1);
            assertThat(appMetrics.timer("pricing.parallel.control").getCount()).isEqualTo(2);

            release.countDown();
            await(() -> appMetrics.counter("pricing.parallel.matches").getCount() == 1);
        } finally {
            for (var managed : environment.lifecycle().getManagedObjects()) {
                managed.stop();
            }
        }
    }

    @Test
    void theControlsRejectionReachesTheCallerAndTheSameRejectionByTheCandidateIsAMatch() {
        Pricing control = pricing(GALAXY);
        ParallelPricing parallel = parallel(control, pricing(GALAXY));
        ApiException direct = catchThrowableOfType(() -> control.quote("GALAXY", FRI, MON, null), ApiException.class);

        ApiException seen = catchThrowableOfType(() -> parallel.quote("GALAXY", FRI, MON, null), ApiException.class);

        assertThat(seen).as("the control's 422 as it threw it").isNotNull();
        assertThat(seen.status()).isEqualTo(422);
        assertThat(seen.errors()).isEqualTo(direct.errors());
        awaitOutcomes(1);
        assertThat(metrics.counter("pricing.parallel.matches").getCount()).isEqualTo(1);
    }

    @Test
    void theRemoteAdaptersFormOfTheSameRejectionIsAMatchToo() {
        // how the remote adapter reports pricing-service's 422 (platform RemoteCall: 4xx → RemoteClientException)
        Pricing remote422 = (carId, from, to, customerId) -> {
            throw new RemoteClientException("pricing", "quote", 422, "to must be after from");
        };
        ParallelPricing parallel = parallel(pricing(GALAXY), remote422);

        assertThat(catchThrowable(() -> parallel.quote("GALAXY", FRI, MON, null))).isInstanceOf(ApiException.class);

        awaitOutcomes(1);
        assertThat(metrics.counter("pricing.parallel.matches").getCount()).isEqualTo(1);
    }

    @Test
    void aRequestTheControlRejectsButTheCandidateAnswersIsAMismatch() {
        ParallelPricing parallel = parallel(pricing(GALAXY), pricing(GALAXY, NEW_CAR)); // only the candidate knows NEW

        ApiException seen = catchThrowableOfType(() -> parallel.quote("NEW", MON, FRI, null), ApiException.class);

        assertThat(seen.errors()).containsExactly("carId: unknown car NEW");
        awaitOutcomes(1);
        assertThat(metrics.counter("pricing.parallel.mismatches").getCount()).isEqualTo(1);
        assertThat(warnings()).singleElement().satisfies(line -> assertThat(line)
                .contains("carId=NEW", "control 422 ApiException: carId: unknown car NEW", "candidate Quote[carId=NEW", "total=158.00"));
    }

    @Test
    void aControlFailureReachesTheCallerAsItIsAndLeavesTheRunInconclusive() {
        Pricing broken = pricing(GALAXY, "DROP TABLE price_rules");
        ParallelPricing parallel = parallel(broken, pricing(GALAXY));
        Throwable direct = catchThrowable(() -> broken.quote("GALAXY", MON, FRI, null));
        assertThat(direct).isInstanceOf(StatementException.class);

        Throwable seen = catchThrowable(() -> parallel.quote("GALAXY", MON, FRI, null));

        assertThat(seen).isExactlyInstanceOf(direct.getClass()).hasMessage(direct.getMessage());

        awaitOutcomes(1);
        assertThat(metrics.counter("pricing.parallel.inconclusive").getCount()).isEqualTo(1);
        assertThat(metrics.timer("pricing.parallel.control").getCount()).isEqualTo(1);
    }

    @Test
    void prometheusNamesTheMetricsWithUnderscores() {
        ParallelPricing parallel = parallel(pricing(GALAXY), pricing(GALAXY));
        parallel.quote("GALAXY", MON, FRI, null);
        awaitOutcomes(1);

        // what the admin /prometheus servlet (platform OperationsBundle) exposes for the same registry
        PrometheusRegistry prometheus = new PrometheusRegistry();
        DropwizardExports.builder().dropwizardRegistry(metrics).register(prometheus);
        String text = PrometheusTextFormatWriter.create().toDebugString(prometheus.scrape());

        assertThat(text).contains("pricing_parallel_matches_total 1.0", "pricing_parallel_mismatches_total 0.0",
                "pricing_parallel_candidate_errors_total 0.0", "pricing_parallel_control_count 1", "pricing_parallel_candidate_count 1",
                "pricing_parallel_control{quantile=\"0.99\"}");
    }

    // --- fixtures

    private ParallelPricing parallel(Pricing control, Pricing candidate) {
        return new ParallelPricing(control, candidate, metrics, candidates, Duration.ofSeconds(30));
    }

    /** Real pricing over a fresh database with the pricing changelog, after {@code sql} (a divergent rule, a lost table). */
    private static Pricing pricing(Car car, String sql) {
        TestDatabase database = TestDatabase.migrated("db/pricing/changelog.xml");
        DATABASES.add(database);
        database.jdbi().useHandle(handle -> handle.execute(sql));
        return new PricingModule(database.jdbi(), catalog(car), NO_CUSTOMERS, MONDAY).pricing();
    }

    private static Pricing pricing(Car... cars) {
        TestDatabase database = TestDatabase.migrated("db/pricing/changelog.xml");
        DATABASES.add(database);
        return new PricingModule(database.jdbi(), catalog(cars), NO_CUSTOMERS, MONDAY).pricing();
    }

    private static CarCatalog catalog(Car... cars) {
        Map<String, Car> byId = Arrays.stream(cars).collect(Collectors.toMap(Car::id, Function.identity()));
        return new CarCatalog() {
            @Override
            public Optional<Car> find(String id) {
                return Optional.ofNullable(byId.get(id));
            }

            @Override
            public List<Car> list() {
                return List.copyOf(byId.values());
            }
        };
    }

    /** {@code real}, but each call first signals {@code started} and then waits for {@link #release}. */
    private Pricing held(Pricing real, CountDownLatch started) {
        return (carId, from, to, customerId) -> {
            started.countDown();
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.quote(carId, from, to, customerId);
        };
    }

    private Map<String, Long> outcomes() {
        return List.of("matches", "mismatches", "candidate.errors", "candidate.timeouts", "inconclusive", "skipped").stream()
                .collect(Collectors.toMap(name -> name, name -> metrics.counter("pricing.parallel." + name).getCount()));
    }

    /** Each run ends in exactly one outcome (timeouts are also candidate errors, so they are not added). */
    private void awaitOutcomes(long runs) {
        await(() -> outcomes().entrySet().stream().filter(e -> !e.getKey().equals("candidate.timeouts"))
                .mapToLong(Map.Entry::getValue).sum() >= runs);
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within 10 s");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private List<String> warnings() {
        synchronized (logs) { // logback appends under the appender's lock, on the candidate's thread
            return logs.list.stream().filter(event -> event.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private static Quote quote(String total, QuoteLine... lines) {
        return new Quote("GALAXY", SAT, SUN, 1, new BigDecimal(total), "EUR", List.of(lines));
    }

    private static QuoteLine line(String label, String amount) {
        return new QuoteLine(label, new BigDecimal(amount));
    }
}
