package dev.fleet.catalog.api;

import java.util.Objects;

/**
 * Event (topic {@code fleet.catalog}, key = car id): a car was created or replaced ({@link Change#UPSERTED}, with the
 * whole car as it is now) or deleted ({@link Change#DELETED}, no car). {@code sequence} numbers the catalog's
 * changes in commit order (strictly increasing across all cars, so also per car): a copy of the catalog applies an
 * event only if it is newer than what it already has for that car, which makes redeliveries and old events harmless.
 */
public record CarChanged(String carId, Change change, Car car, long sequence) {

    public static final String TYPE = "CarChanged";
    public static final String TOPIC = "fleet.catalog";
    /**
     * Response header of a publishing catalog's {@code GET /api/cars}: the change sequence read before the list, so
     * every change numbered up to it is in the list (the sync command's watermark).
     */
    public static final String SEQUENCE_HEADER = "X-Fleet-Catalog-Sequence";

    public enum Change { UPSERTED, DELETED }

    /** Also the schema check of a consumed payload: a violation makes the message poison. */
    public CarChanged {
        Objects.requireNonNull(carId, "carId");
        Objects.requireNonNull(change, "change");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be positive, got " + sequence);
        }
        if (change == Change.UPSERTED && (car == null || !carId.equals(car.id()))) {
            throw new IllegalArgumentException("an UPSERTED change carries the car " + carId);
        }
        if (change == Change.DELETED && car != null) {
            throw new IllegalArgumentException("a DELETED change carries no car");
        }
    }

    public static CarChanged upserted(Car car, long sequence) {
        return new CarChanged(car.id(), Change.UPSERTED, car, sequence);
    }

    public static CarChanged deleted(String carId, long sequence) {
        return new CarChanged(carId, Change.DELETED, null, sequence);
    }
}
