package dev.fleet.reservations.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.billing.api.ChargeRequested;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.customers.api.CustomerDirectory;
import dev.fleet.platform.db.Databases;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.errors.Problems;
import dev.fleet.platform.outbox.Outbox;
import dev.fleet.platform.outbox.OutboxMessage;
import dev.fleet.pricing.api.Pricing;
import dev.fleet.pricing.api.Quote;
import dev.fleet.pricing.api.RentalPeriod;
import dev.fleet.reservations.api.Reservation;
import dev.fleet.reservations.api.ReservationCancelled;
import dev.fleet.reservations.api.ReservationCreated;
import dev.fleet.reservations.api.ReservationEvents;
import dev.fleet.reservations.api.ReservationStatus;
import dev.fleet.reservations.api.Reservations;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reserving a car: validate, check customer and car, price it, then in one transaction serialise on the car,
 * check availability, store the reservation and its outbox messages (ReservationCreated, ChargeRequested).
 */
public class ReservationService implements Reservations {

    static final Pattern RESERVATION_ID = ReservationFields.ID.shape();
    private static final Duration KEY_RACE_TIMEOUT = Duration.ofSeconds(15);

    /** What {@link #create} did: a new reservation, or the one an earlier request with the same key made. */
    public record Outcome(Reservation reservation, boolean replayed) {
    }

    private final Jdbi jdbi;
    private final CarCatalog cars;
    private final CustomerDirectory customers;
    private final Pricing pricing;
    private final Clock clock;
    private final Outbox outbox;
    private final ObjectMapper json;

    public ReservationService(Jdbi jdbi, CarCatalog cars, CustomerDirectory customers, Pricing pricing, Clock clock,
                              Outbox outbox, ObjectMapper json) {
        this.jdbi = jdbi;
        this.cars = cars;
        this.customers = customers;
        this.pricing = pricing;
        this.clock = clock;
        this.outbox = outbox;
        this.json = json;
    }

    @Override
    public Optional<Reservation> find(String id) {
        if (id == null || !RESERVATION_ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return jdbi.withExtension(ReservationDao.class, dao -> dao.find(id.toLowerCase()));
    }

    public Reservation get(String id) {
        checkId(id);
        return find(id).orElseThrow(() -> ApiException.notFound("reservation " + id + " not found"));
    }

    /**
     * @param idempotencyKey optional; a retry with the same key and body returns the original reservation and
     *                       creates nothing, the same key with another body is a 422
     */
    public Outcome create(String idempotencyKey, ReservationRequest request) {
        // a header, used as sent (not trimmed): a malformed one is a 400 like any malformed header
        if (idempotencyKey != null && !ReservationFields.IDEMPOTENCY_KEY.shape().matcher(idempotencyKey).matches()) {
            throw ApiException.badRequest("Idempotency-Key must be " + ReservationFields.IDEMPOTENCY_KEY.expectation());
        }
        if (request == null) {
            throw ApiException.unprocessable("request body is required");
        }
        String hash = hash(request);
        if (idempotencyKey != null) {
            Optional<Outcome> earlier = replay(idempotencyKey, hash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }

        Problems problems = new Problems();
        String customerId = ReservationFields.CUSTOMER_ID.required(problems, request.customerId());
        String carId = ReservationFields.CAR_ID.required(problems, request.carId());
        LocalDate from = problems.date("from", request.from());
        LocalDate to = problems.date("to", request.to());
        RentalPeriod.check(problems, from, to, LocalDate.now(clock));
        problems.throwIfAny();
        boolean customerOk = customers.find(customerId).isPresent();
        boolean carOk = cars.find(carId).isPresent();
        problems.check(customerOk, "unknown customer " + customerId);
        problems.check(carOk, "unknown car " + carId);
        problems.throwIfAny();
        Quote quote = pricing.quote(carId, from, to, customerId);

        Reservation reservation = new Reservation(UUID.randomUUID().toString(), customerId, carId, from, to,
                ReservationStatus.ACTIVE, quote.total(), quote.currency());
        ensureLockRow(carId);
        long deadline = System.nanoTime() + KEY_RACE_TIMEOUT.toNanos();
        while (true) {
            try {
                return new Outcome(jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> insert(h, idempotencyKey, hash, reservation)), false);
            } catch (RuntimeException e) {
                if (idempotencyKey == null || !Databases.isUniqueViolation(e)) {
                    throw e;
                }
                // A concurrent request with the same key got there first: answer as a retry would be answered.
                Optional<Outcome> earlier = replay(idempotencyKey, hash);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                if (System.nanoTime() > deadline) {
                    throw ApiException.conflict("a request with Idempotency-Key " + idempotencyKey + " is still in progress; retry later");
                }
                pause(); // the other transaction is not committed yet (or rolled back): try again
            }
        }
    }

    private Reservation insert(Handle h, String idempotencyKey, String hash, Reservation reservation) {
        ReservationDao dao = h.attach(ReservationDao.class);
        if (idempotencyKey != null) {
            dao.insertKey(idempotencyKey, hash, reservation.id(), clock.instant()); // first: a same-key request waits or fails here
        }
        if (dao.lockCar(reservation.carId()) != 1) {
            throw new IllegalStateException("lock row for car " + reservation.carId() + " is missing");
        }
        if (dao.countOverlapping(reservation.carId(), reservation.from(), reservation.to()) > 0) {
            throw ApiException.conflict("car " + reservation.carId() + " is not available from " + reservation.from() + " to " + reservation.to());
        }
        dao.insert(reservation, clock.instant());
        outbox.append(h, OutboxMessage.of(reservation.id(), ReservationCreated.TYPE, ReservationEvents.TOPIC,
                toJson(new ReservationCreated(reservation.id(), reservation.customerId(), reservation.carId(), reservation.from(),
                        reservation.to(), reservation.total(), reservation.currency())), clock.instant()));
        outbox.append(h, OutboxMessage.of(reservation.id(), ChargeRequested.TYPE, ChargeRequested.DESTINATION,
                toJson(new ChargeRequested(UUID.randomUUID().toString(), reservation.id(), reservation.customerId(),
                        reservation.total(), reservation.currency())), clock.instant()));
        return reservation;
    }

    /** Cancels an active reservation (freeing its car); cancelling a cancelled one changes nothing. */
    public Reservation cancel(String id) {
        checkId(id);
        String key = id.toLowerCase();
        return jdbi.inTransaction(TransactionIsolationLevel.READ_COMMITTED, h -> {
            ReservationDao dao = h.attach(ReservationDao.class);
            Reservation reservation = dao.find(key).orElseThrow(() -> ApiException.notFound("reservation " + id + " not found"));
            if (reservation.status() == ReservationStatus.ACTIVE && dao.cancel(key, clock.instant()) == 1) {
                outbox.append(h, OutboxMessage.of(key, ReservationCancelled.TYPE, ReservationEvents.TOPIC,
                        toJson(new ReservationCancelled(key, reservation.customerId(), reservation.carId(), reservation.from(),
                                reservation.to())), clock.instant()));
            }
            return dao.find(key).orElseThrow();
        });
    }

    private Optional<Outcome> replay(String key, String hash) {
        return jdbi.withHandle(h -> {
            ReservationDao dao = h.attach(ReservationDao.class);
            Optional<String> storedHash = dao.keyHash(key);
            if (storedHash.isEmpty()) {
                return Optional.empty();
            }
            if (!storedHash.get().equals(hash)) {
                throw ApiException.unprocessable("Idempotency-Key " + Problems.abbreviate(key) + " was already used for a different request");
            }
            String reservationId = dao.keyReservation(key).orElseThrow();
            return Optional.of(new Outcome(dao.find(reservationId).orElseThrow(), true));
        });
    }

    /** Makes sure the car's lock row exists, outside the main transaction (a lost insert race is fine). */
    private void ensureLockRow(String carId) {
        jdbi.useExtension(ReservationDao.class, dao -> {
            if (dao.lockRowExists(carId) == 0) {
                try {
                    dao.insertLockRow(carId);
                } catch (RuntimeException e) {
                    if (!Databases.isUniqueViolation(e)) {
                        throw e;
                    }
                }
            }
        });
    }

    static void checkId(String id) {
        if (id == null || !RESERVATION_ID.matcher(id).matches()) {
            throw ApiException.badRequest("reservation id must be a UUID, got '" + Problems.abbreviate(String.valueOf(id)) + "'");
        }
    }

    /** Fingerprint of the request as sent, to tell a retry from a different request under the same key. */
    private static String hash(ReservationRequest r) {
        String canonical = String.join("\n", String.valueOf(r.customerId()), String.valueOf(r.carId()),
                String.valueOf(r.from()), String.valueOf(r.to()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
