package dev.fleet.catalog.remote;

import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.platform.ids.Ids;
import dev.fleet.catalog.internal.CarRequest;
import dev.fleet.catalog.internal.Cars;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.remote.Fallback;
import dev.fleet.platform.remote.RemoteService;
import dev.fleet.platform.remote.StaleCache;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.GenericType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The catalog as catalog-service answers it (branch by abstraction): pricing and reservations keep asking a
 * {@link CarCatalog}, and after cut-over the monolith's own {@code /api/cars} answers through it too. Each call is a
 * Hystrix command in group and thread pool {@code catalog}:
 * <ul>
 *   <li>reads ({@code findCar}, {@code listCars}): when catalog-service fails, the last value read or written for
 *       that car (or the last list) answers, marked degraded; nothing known → 503 with {@code Retry-After};</li>
 *   <li>writes ({@code createCar}, {@code replaceCar}, {@code deleteCar}): no fallback, 503 with {@code Retry-After}
 *       (a write must not look done when it is not);</li>
 *   <li>a 4xx from catalog-service (bad input, 404, 409) reaches our client as the same status and message.</li>
 * </ul>
 */
public class RemoteCarCatalog implements Cars {
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final String ALL = "all";
    private static final GenericType<List<Car>> CARS = new GenericType<>() { };

    private final RemoteService catalog;
    private final StaleCache<String, Optional<Car>> lastCar = new StaleCache<>();
    private final StaleCache<String, List<Car>> lastList = new StaleCache<>();

    public RemoteCarCatalog(RemoteService catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<Car> find(String id) {
        // A malformed id names no car (as in the local catalog); asked remotely it would be catalog-service's 400 for
        // its path, which callers would pass on instead of their own "unknown car".
        if (id == null || !Ids.ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return fetch(id);
    }

    private Optional<Car> fetch(String id) {
        // only found cars are cached (a 404 is not stored), so a stale answer is always a car that existed
        return catalog.find("findCar", t -> t.path("/api/cars/{id}").resolveTemplate("id", id).request().get(),
                Car.class, Fallback.staleCache(lastCar, id, RETRY_AFTER));
    }

    @Override
    public List<Car> list() {
        return catalog.call("listCars", t -> t.path("/api/cars").request().get(),
                response -> response.readEntity(CARS), Fallback.staleCache(lastList, ALL, RETRY_AFTER));
    }

    @Override
    public Car get(String id) {
        // /api/cars/{id}: catalog-service judges the id, so a malformed one is its 400, as in the local catalog
        return fetch(id).orElseThrow(() -> ApiException.notFound("car " + id + " not found"));
    }

    @Override
    public Car create(CarRequest request) {
        Car car = catalog.call("createCar", t -> t.path("/api/cars").request().post(Entity.json(request)),
                response -> response.readEntity(Car.class), Fallback.failFast(RETRY_AFTER));
        lastCar.put(car.id(), Optional.of(car));
        return car;
    }

    @Override
    public Car replace(String id, CarRequest request) {
        Car car = catalog.call("replaceCar", t -> t.path("/api/cars/{id}").resolveTemplate("id", id).request().put(Entity.json(request)),
                response -> response.readEntity(Car.class), Fallback.failFast(RETRY_AFTER));
        lastCar.put(id, Optional.of(car));
        return car;
    }

    @Override
    public void delete(String id) {
        catalog.call("deleteCar", t -> t.path("/api/cars/{id}").resolveTemplate("id", id).request().delete(),
                response -> Boolean.TRUE, Fallback.failFast(RETRY_AFTER));
        lastCar.put(id, Optional.empty()); // while catalog-service is down, a stale read says "no such car", not the old one
    }
}
