package dev.fleet.reservations.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.catalog.api.CarCategory;
import dev.fleet.customers.api.Customer;
import dev.fleet.customers.api.CustomerDirectory;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.outbox.Outbox;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.pricing.api.Pricing;
import dev.fleet.pricing.api.Quote;
import dev.fleet.pricing.api.QuoteLine;
import dev.fleet.reservations.ReservationsModule;
import dev.fleet.reservations.api.Reservation;
import dev.fleet.reservations.api.ReservationStatus;
import io.dropwizard.jackson.Jackson;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reservation flow against a real database, with small fakes of the customers, catalog and pricing APIs. */
class ReservationServiceTest {

    static final TestDatabase DB = TestDatabase.migrated("db/reservations/changelog.xml");
    static final Jdbi JDBI = DB.jdbi();
    static final LocalDate TODAY = LocalDate.of(2030, 6, 1);
    static final Clock CLOCK = Clock.fixed(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600), ZoneOffset.UTC);
    static final ObjectMapper JSON = Jackson.newObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final AtomicInteger CARS = new AtomicInteger();

    /** Known cars: any id starting with CAR-. Known customers: c-1, c-2. Price: 50.00 per day. */
    final CarCatalog cars = new CarCatalog() {
        @Override
        public Optional<Car> find(String id) {
            return id.startsWith("CAR-") ? Optional.of(new Car(id, "Ford", "Galaxy", CarCategory.VAN, new BigDecimal("50.00"), "MAD")) : Optional.empty();
        }

        @Override
        public List<Car> list() {
            return List.of();
        }
    };
    final CustomerDirectory customers = id -> Set.of("c-1", "c-2").contains(id)
            ? Optional.of(new Customer(id, "Ann", "ann@example.com", "L-1")) : Optional.empty();
    final Pricing pricing = (carId, from, to, customerId) -> {
        int days = (int) ChronoUnit.DAYS.between(from, to);
        BigDecimal total = new BigDecimal("50.00").multiply(BigDecimal.valueOf(days));
        return new Quote(carId, from, to, days, total, "EUR", List.of(new QuoteLine(days + " days", total)));
    };
    final ReservationService service = new ReservationService(JDBI, cars, customers, pricing, CLOCK,
            new Outbox(ReservationsModule.OUTBOX_TABLE), JSON);

    @AfterAll
    static void dropDatabase() {
        DB.close();
    }

    @Test
    void aReservationIsStoredWithTheQuotedTotalAndItsTwoOutboxMessages() throws Exception {
        String car = newCar();
        Reservation r = service.create(null, request("c-1", car, 10, 13)).reservation();

        assertThat(r.status()).isEqualTo(ReservationStatus.ACTIVE);
        assertThat(r.total()).isEqualByComparingTo("150.00");
        assertThat(r.currency()).isEqualTo("EUR");
        assertThat(service.get(r.id())).isEqualTo(r);

        List<Map<String, Object>> rows = outboxRows(r.id());
        assertThat(rows).extracting(row -> row.get("type")).containsExactly("ReservationCreated", "ChargeRequested");
        assertThat(rows).extracting(row -> row.get("destination")).containsExactly("fleet.reservations", "fleet.billing.charges");
        JsonNode created = JSON.readTree((String) rows.get(0).get("payload"));
        assertThat(created.get("reservationId").asText()).isEqualTo(r.id());
        assertThat(created.get("from").asText()).isEqualTo(TODAY.plusDays(10).toString());
        JsonNode charge = JSON.readTree((String) rows.get(1).get("payload"));
        assertThat(charge.get("amount").decimalValue()).isEqualByComparingTo("150.00");
        assertThat(charge.get("customerId").asText()).isEqualTo("c-1");
    }

    @Test
    void overlappingDatesAre409AndWriteNothing() {
        String car = newCar();
        service.create(null, request("c-1", car, 10, 15));
        int outboxBefore = count("reservation_outbox");

        assertThatThrownBy(() -> service.create(null, request("c-2", car, 14, 20)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409))
                .hasMessage("car " + car + " is not available from " + TODAY.plusDays(14) + " to " + TODAY.plusDays(20));
        assertThatThrownBy(() -> service.create(null, request("c-2", car, 5, 11))).hasMessageContaining("not available");
        assertThatThrownBy(() -> service.create(null, request("c-2", car, 11, 12))).hasMessageContaining("not available");
        assertThat(reservationsOf(car)).isEqualTo(1);
        assertThat(count("reservation_outbox")).isEqualTo(outboxBefore);
    }

    @Test
    void adjacentRentalsAreAllowed() {
        String car = newCar();
        service.create(null, request("c-1", car, 10, 15));
        service.create(null, request("c-2", car, 15, 17));
        service.create(null, request("c-2", car, 7, 10));
        assertThat(reservationsOf(car)).isEqualTo(3);
    }

    @Test
    void cancellingFreesTheCarAndIsIdempotent() {
        String car = newCar();
        Reservation r = service.create(null, request("c-1", car, 10, 15)).reservation();

        assertThat(service.cancel(r.id()).status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(service.cancel(r.id()).status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(outboxRows(r.id())).extracting(row -> row.get("type"))
                .containsExactly("ReservationCreated", "ChargeRequested", "ReservationCancelled");
        assertThat(service.create(null, request("c-2", car, 10, 15)).reservation().status()).isEqualTo(ReservationStatus.ACTIVE);
    }

    @Test
    void unknownOrMalformedIds() {
        assertThatThrownBy(() -> service.get("00000000-0000-0000-0000-000000000000"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> service.cancel("00000000-0000-0000-0000-000000000000"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> service.get("nope")).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("reservation id must be a UUID");
        assertThat(service.find("nope")).isEmpty();
    }

    @Test
    void everyValidationProblemIsNamedAtOnce() {
        int before = count("reservations");
        assertThatThrownBy(() -> service.create(null, new ReservationRequest(" ", null, "2030-13-01", "tomorrow")))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.errors()).containsExactly("customerId is required", "carId is required",
                            "from must be a date as YYYY-MM-DD, got '2030-13-01'", "to must be a date as YYYY-MM-DD, got 'tomorrow'");
                });
        assertThatThrownBy(() -> service.create(null, request("c-1", newCar(), 12, 10)))
                .hasMessageStartingWith("to must be after from (a rental covers from inclusive to to exclusive)");
        assertThatThrownBy(() -> service.create(null, request("c-1", newCar(), -1, 3)))
                .hasMessageStartingWith("from must not be in the past");
        // the pricing module's calendar rules (RentalPeriod), checked before anything is looked up
        assertThatThrownBy(() -> service.create(null, request("c-1", newCar(), 731, 733)))
                .hasMessageStartingWith("from must be at most 730 days from today");
        assertThatThrownBy(() -> service.create(null, request("c-1", newCar(), 1, 92)))
                .hasMessage("to must be at most 90 days after from, got 91 days");
        assertThatThrownBy(() -> service.create(null, request("nobody", "NOT-A-CAR", 1, 3)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors())
                        .containsExactly("unknown customer nobody", "unknown car NOT-A-CAR"));
        assertThatThrownBy(() -> service.create(null, null)).hasMessage("request body is required");
        assertThat(count("reservations")).isEqualTo(before);
    }

    @Test
    void aRetryWithTheSameKeyReturnsTheOriginalAndAnotherBodyIsRejected() {
        String car = newCar();
        String key = "key-" + car;
        ReservationService.Outcome first = service.create(key, request("c-1", car, 10, 12));
        ReservationService.Outcome retry = service.create(key, request("c-1", car, 10, 12));

        assertThat(first.replayed()).isFalse();
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.reservation()).isEqualTo(first.reservation());
        assertThat(reservationsOf(car)).isEqualTo(1);
        assertThat(outboxRows(first.reservation().id())).hasSize(2);

        assertThatThrownBy(() -> service.create(key, request("c-1", car, 20, 22)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(422))
                .hasMessageContaining("was already used for a different request");
        assertThat(reservationsOf(car)).isEqualTo(1);
    }

    @Test
    void malformedIdempotencyKeysAre400() {
        String tooLong = "k".repeat(101);
        for (String key : List.of("", tooLong, "tab\there", "ünïcode")) {
            assertThatThrownBy(() -> service.create(key, request("c-1", newCar(), 10, 12)))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                    .hasMessageContaining("Idempotency-Key");
        }
        assertThat(service.create("k".repeat(100), request("c-1", newCar(), 10, 12)).replayed()).isFalse();
    }

    @Test
    void fiftyParallelRequestsForTheSameCarCreateExactlyOneReservation() throws Exception {
        String car = newCar();
        List<Object> results = parallel(50, i -> service.create(null, request(i % 2 == 0 ? "c-1" : "c-2", car, 10 + i % 3, 14)));

        assertThat(results).filteredOn(r -> r instanceof ReservationService.Outcome).hasSize(1);
        assertThat(results).filteredOn(r -> !(r instanceof ReservationService.Outcome))
                .hasSize(49).allSatisfy(r -> assertThat(r).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409)));
        assertThat(reservationsOf(car)).isEqualTo(1);
    }

    @Test
    void twentyParallelRetriesWithOneKeyCreateOneReservation() throws Exception {
        String car = newCar();
        String key = "parallel-" + car;
        List<Object> results = parallel(20, i -> service.create(key, request("c-1", car, 10, 12)));

        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(ReservationService.Outcome.class));
        assertThat(results).extracting(r -> ((ReservationService.Outcome) r).reservation().id()).containsOnly(
                ((ReservationService.Outcome) results.get(0)).reservation().id());
        assertThat(reservationsOf(car)).isEqualTo(1);
    }

    private interface Call {
        Object call(int i) throws Exception;
    }

    /** Runs n calls at once; each result is the return value or the exception. */
    private static List<Object> parallel(int n, Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Object> task = () -> {
                    start.await();
                    try {
                        return call.call(index);
                    } catch (Exception e) {
                        return e;
                    }
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ReservationRequest request(String customer, String car, int fromDays, int toDays) {
        return new ReservationRequest(customer, car, TODAY.plusDays(fromDays).toString(), TODAY.plusDays(toDays).toString());
    }

    private static String newCar() {
        return "CAR-" + CARS.incrementAndGet() + "-" + Instant.now().toEpochMilli() % 100000;
    }

    private static int reservationsOf(String car) {
        return JDBI.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM reservations WHERE car_id = :car AND status = 'ACTIVE'")
                .bind("car", car).mapTo(Integer.class).one());
    }

    private static int count(String table) {
        return JDBI.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    private static List<Map<String, Object>> outboxRows(String reservationId) {
        return JDBI.withHandle(h -> h.createQuery("SELECT type, destination, payload FROM reservation_outbox"
                + " WHERE aggregate_id = :id ORDER BY seq").bind("id", reservationId)
                .map((rs, ctx) -> Map.<String, Object>of("type", rs.getString("type"), "destination", rs.getString("destination"),
                        "payload", rs.getString("payload"))).list());
    }
}
