package dev.fleet.catalog.internal;

import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCategory;
import dev.fleet.platform.db.Databases;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.errors.Problems;
import dev.fleet.platform.money.Money;
import dev.fleet.platform.validation.TextField;
import org.jdbi.v3.core.Jdbi;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The catalog's behaviour: reads for everybody, validated writes for the catalog's own API. Each write and the
 * {@link dev.fleet.catalog.api.CarChanged} it records (when the catalog publishes its changes) share one transaction.
 */
public class CarService implements Cars {

    public static final Pattern ID = CarFields.ID.shape();

    /** What a client of the original contract (id, manufacturer, model only) gets for the newer fields. */
    static final CarCategory DEFAULT_CATEGORY = CarCategory.ECONOMY;
    static final BigDecimal DEFAULT_DAILY_RATE = new BigDecimal("45.00");
    static final String DEFAULT_LOCATION = "MAD";

    private final Jdbi jdbi;
    private final CarDao dao;
    private final CarChangeLog changes;

    public CarService(Jdbi jdbi, CarChangeLog changes) {
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(CarDao.class);
        this.changes = changes;
    }

    @Override
    public Optional<Car> find(String id) {
        return ID.matcher(id).matches() ? dao.find(id) : Optional.empty();
    }

    @Override
    public List<Car> list() {
        return dao.list();
    }

    @Override
    public OptionalLong changeSequence() {
        return changes.records() ? OptionalLong.of(dao.lastSequence()) : OptionalLong.empty();
    }

    @Override
    public Car get(String id) {
        checkId(id);
        return dao.find(id).orElseThrow(() -> ApiException.notFound("car " + id + " not found"));
    }

    @Override
    public Car create(CarRequest request) {
        String id = request.id() == null ? UUID.randomUUID().toString() : request.id();
        Car car = validate(id, request, null);
        if (dao.find(car.id()).isPresent()) {
            throw ApiException.conflict("car " + car.id() + " already exists");
        }
        try {
            jdbi.useTransaction(h -> {
                h.attach(CarDao.class).insert(car);
                changes.upserted(h, car);
            });
        } catch (RuntimeException e) {
            if (Databases.isUniqueViolation(e)) { // lost a race with a concurrent POST of the same id
                throw ApiException.conflict("car " + car.id() + " already exists");
            }
            throw e;
        }
        return car;
    }

    /** Replaces a car; fields the request leaves out keep their current values. */
    @Override
    public Car replace(String id, CarRequest request) {
        Car current = get(id);
        Car car = validate(id, request, current);
        boolean updated = jdbi.inTransaction(h -> {
            if (h.attach(CarDao.class).update(car) == 0) {
                return false; // deleted meanwhile: no change, no event
            }
            changes.upserted(h, car);
            return true;
        });
        if (!updated) {
            throw ApiException.notFound("car " + id + " not found");
        }
        return car;
    }

    @Override
    public void delete(String id) {
        checkId(id);
        boolean deleted = jdbi.inTransaction(h -> {
            if (h.attach(CarDao.class).delete(id) == 0) {
                return false;
            }
            changes.deleted(h, id);
            return true;
        });
        if (!deleted) {
            throw ApiException.notFound("car " + id + " not found");
        }
    }

    /** What is wrong with a car read from elsewhere (a sync snapshot), by the same rules as a write here. */
    static List<String> problemsOf(Car car) {
        Problems problems = new Problems();
        CarFields.ID.required(problems, car.id());
        CarFields.MANUFACTURER.required(problems, car.manufacturer());
        CarFields.MODEL.required(problems, car.model());
        problems.check(car.category() != null, "category is required");
        CarFields.DAILY_RATE.check(problems, car.dailyRate());
        CarFields.LOCATION.required(problems, car.location());
        return problems.list();
    }

    static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw ApiException.badRequest("car id must be 1-36 letters, digits or '-', got '" + Problems.abbreviate(id) + "'");
        }
    }

    private static Car validate(String id, CarRequest request, Car current) {
        if (request == null) {
            throw ApiException.unprocessable("request body is required");
        }
        Problems problems = new Problems();
        // ids and branch codes are used as sent, not trimmed: their shapes admit no space or control character
        problems.matches("id", request.id(), CarFields.ID.shape(), CarFields.ID.expectation());
        problems.check(request.id() == null || request.id().equals(id), "id in the body must match the id in the path");
        String manufacturer = text(problems, CarFields.MANUFACTURER, request.manufacturer(), current == null ? null : current.manufacturer());
        String model = text(problems, CarFields.MODEL, request.model(), current == null ? null : current.model());
        CarCategory category = category(problems, request.category(), current == null ? DEFAULT_CATEGORY : current.category());
        BigDecimal dailyRate = request.dailyRate() == null ? (current == null ? DEFAULT_DAILY_RATE : current.dailyRate())
                : CarFields.DAILY_RATE.check(problems, request.dailyRate());
        String location = request.location() == null ? (current == null ? DEFAULT_LOCATION : current.location()) : request.location();
        problems.matches("location", location, CarFields.LOCATION.shape(), CarFields.LOCATION.expectation());
        problems.throwIfAny();
        return new Car(id, manufacturer, model, category, Money.cents(dailyRate), location);
    }

    private static String text(Problems problems, TextField field, String value, String current) {
        if (value == null && current != null) {
            return current;
        }
        return field.required(problems, value);
    }

    private static CarCategory category(Problems problems, String value, CarCategory fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return CarCategory.valueOf(value);
        } catch (IllegalArgumentException e) {
            problems.add("category must be one of " + Arrays.toString(CarCategory.values()) + ", got '" + Problems.abbreviate(value) + "'");
            return null;
        }
    }
}
