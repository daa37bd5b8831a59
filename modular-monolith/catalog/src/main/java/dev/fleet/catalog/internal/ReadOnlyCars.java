package dev.fleet.catalog.internal;

import dev.fleet.catalog.api.Car;
import dev.fleet.platform.errors.ApiException;

import java.util.List;
import java.util.Optional;

/**
 * A copy of another catalog (catalog-service while the monolith is the source of truth): reads from the local
 * tables, writes refused with 409, since a change made here would never reach the source and the next event or sync
 * would silently undo it.
 */
public final class ReadOnlyCars implements Cars {

    static final String REFUSED = "this catalog is a read-only copy of the monolith's (catalog.source: monolith): "
            + "change cars through the monolith's /api/cars";

    private final CarService cars;

    public ReadOnlyCars(CarService cars) {
        this.cars = cars;
    }

    @Override
    public Optional<Car> find(String id) {
        return cars.find(id);
    }

    @Override
    public List<Car> list() {
        return cars.list();
    }

    @Override
    public Car get(String id) {
        return cars.get(id);
    }

    @Override
    public Car create(CarRequest request) {
        throw ApiException.conflict(REFUSED);
    }

    @Override
    public Car replace(String id, CarRequest request) {
        throw ApiException.conflict(REFUSED);
    }

    @Override
    public void delete(String id) {
        throw ApiException.conflict(REFUSED);
    }
}
