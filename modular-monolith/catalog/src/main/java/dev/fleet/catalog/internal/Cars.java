package dev.fleet.catalog.internal;

import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCatalog;

import java.util.OptionalLong;

/**
 * What {@code /api/cars} does ({@link CarResource} works on it): the local {@link CarService}, a read-only copy, or
 * catalog-service through {@link dev.fleet.catalog.remote.RemoteCarCatalog} once the monolith has cut over.
 * Failures are {@link dev.fleet.platform.errors.ApiException}s (or a remote's 4xx / 503), i.e. JSON errors.
 */
public interface Cars extends CarCatalog {

    /** The car, or 404. */
    Car get(String id);

    Car create(CarRequest request);

    Car replace(String id, CarRequest request);

    void delete(String id);

    /**
     * Where this catalog publishes its changes: the last change sequence number, read before a list is read (so
     * every change up to it is in that list); empty where no changes are published.
     */
    default OptionalLong changeSequence() {
        return OptionalLong.empty();
    }
}
