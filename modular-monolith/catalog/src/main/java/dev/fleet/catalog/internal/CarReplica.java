package dev.fleet.catalog.internal;

import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.platform.money.Money;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A copy of the monolith's catalog in this database (catalog-service with {@code catalog.source: monolith}), kept
 * up to date by {@link CarChanged} events and made equal by a bulk sync. {@code replicated_cars} remembers, per car
 * id, the sequence number of the change this copy reflects, so an event applies only when it is newer: duplicates,
 * redeliveries and events older than a sync are skipped, and a deleted car is not brought back by an old upsert.
 */
public class CarReplica {

    /**
     * What a sync did. {@code keptNewer}: cars this copy already has from a change newer than the snapshot (an
     * event applied while the snapshot was read), left alone.
     */
    public record SyncResult(int copied, int updated, int removed, int unchanged, int keptNewer) {
    }

    private final Jdbi jdbi;

    public CarReplica(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Applies the change unless this copy already reflects it or a newer one; returns whether it applied. */
    public boolean apply(CarChanged event) {
        return jdbi.inTransaction(h -> {
            ReplicaDao replica = h.attach(ReplicaDao.class);
            Optional<Long> seen = replica.lastSequenceForUpdate(event.carId());
            if (seen.isPresent() && seen.get() >= event.sequence()) {
                return false;
            }
            CarDao cars = h.attach(CarDao.class);
            if (event.change() == CarChanged.Change.UPSERTED) {
                upsert(cars, inCents(event.car()));
            } else {
                cars.delete(event.carId());
            }
            if (seen.isPresent()) {
                replica.update(event.sequence(), event.carId());
            } else {
                replica.insert(event.carId(), event.sequence()); // a concurrent first delivery fails here and is retried
            }
            return true;
        });
    }

    /**
     * Makes the cars table equal to {@code snapshot} in one transaction: copies new cars, updates changed ones,
     * removes the rest. With the source's {@code watermark} (every change numbered up to it is in the snapshot),
     * each synced car is marked as reflecting it, so older events are skipped afterwards; a car this copy has from a
     * change newer than the watermark is left alone. Without a watermark nothing is marked: the next event of each car
     * applies whatever its number.
     */
    public SyncResult replaceAll(List<Car> snapshot, OptionalLong watermark) {
        checkSnapshot(snapshot);
        List<Car> normalised = snapshot.stream().map(CarReplica::inCents).toList();
        return jdbi.inTransaction(h -> {
            CarDao cars = h.attach(CarDao.class);
            Map<String, Long> seen = watermark.isPresent() ? h.attach(ReplicaDao.class).lockAll() : Map.of();
            Map<String, Car> current = cars.list().stream().collect(Collectors.toMap(Car::id, Function.identity()));
            int copied = 0;
            int updated = 0;
            int removed = 0;
            int unchanged = 0;
            int keptNewer = 0;
            Set<String> wanted = new HashSet<>();
            for (Car car : normalised) {
                wanted.add(car.id());
                if (newerThan(seen, car.id(), watermark)) {
                    keptNewer++;
                    continue;
                }
                Car existing = current.get(car.id());
                if (existing == null) {
                    cars.insert(car);
                    copied++;
                } else if (!existing.equals(car)) {
                    cars.update(car);
                    updated++;
                } else {
                    unchanged++;
                }
                mark(h, seen, car.id(), watermark);
            }
            for (String id : current.keySet()) {
                if (wanted.contains(id)) {
                    continue;
                }
                if (newerThan(seen, id, watermark)) {
                    keptNewer++;
                    continue;
                }
                cars.delete(id);
                removed++;
                mark(h, seen, id, watermark);
            }
            return new SyncResult(copied, updated, removed, unchanged, keptNewer);
        });
    }

    /** A snapshot this database would not accept as writes is refused whole: nothing is written. */
    static void checkSnapshot(List<Car> snapshot) {
        List<String> problems = new java.util.ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < snapshot.size(); i++) {
            Car car = snapshot.get(i);
            if (car == null) {
                problems.add("car #" + (i + 1) + " is null");
                continue;
            }
            for (String problem : CarService.problemsOf(car)) {
                problems.add("car #" + (i + 1) + " (" + car.id() + "): " + problem);
            }
            if (car.id() != null && !ids.add(car.id())) {
                problems.add("car #" + (i + 1) + ": id " + car.id() + " appears twice");
            }
        }
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 5);
            throw new IllegalArgumentException(problems.size() + " problem(s) in the snapshot, nothing written: "
                    + String.join("; ", problems.subList(0, shown)) + (shown < problems.size() ? "; …" : ""));
        }
    }

    private static boolean newerThan(Map<String, Long> seen, String id, OptionalLong watermark) {
        Long sequence = seen.get(id);
        return watermark.isPresent() && sequence != null && sequence > watermark.getAsLong();
    }

    private static void mark(Handle h, Map<String, Long> seen, String id, OptionalLong watermark) {
        if (watermark.isEmpty()) {
            return;
        }
        ReplicaDao replica = h.attach(ReplicaDao.class);
        if (seen.containsKey(id)) {
            replica.update(watermark.getAsLong(), id);
        } else {
            replica.insert(id, watermark.getAsLong());
        }
    }

    /** As the table holds it (59.0 from JSON is 59.00 here), so comparing with what is stored is exact. */
    private static Car inCents(Car car) {
        return new Car(car.id(), car.manufacturer(), car.model(), car.category(), Money.cents(car.dailyRate()), car.location());
    }

    private static void upsert(CarDao cars, Car car) {
        if (cars.update(car) == 0) {
            cars.insert(car);
        }
    }

    /** For tests and operators: the sequence this copy reflects for a car, if any. */
    public OptionalLong sequenceOf(String carId) {
        return jdbi.withHandle(h -> h.attach(ReplicaDao.class).lastSequence(carId))
                .map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }
}
