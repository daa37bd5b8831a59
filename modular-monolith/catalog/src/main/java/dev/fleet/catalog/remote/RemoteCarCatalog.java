package dev.fleet.catalog.remote;

import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.platform.ids.Ids;
import dev.fleet.platform.remote.Fallback;
import dev.fleet.platform.remote.RemoteService;
import dev.fleet.platform.remote.StaleCache;
import jakarta.ws.rs.core.GenericType;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The catalog as catalog-service answers it (branch by abstraction: pricing and reservations keep asking a
 * {@link CarCatalog}). Each read is a Hystrix command (group and thread pool {@code catalog}, keys {@code findCar}
 * and {@code listCars}); when catalog-service fails, the last value read for that car (or the last list) answers,
 * marked degraded; never read before → 503 with {@code Retry-After}.
 */
public class RemoteCarCatalog implements CarCatalog {
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
        // like the local catalog: a malformed id is simply unknown (asking would cost a call and answer 400, not empty)
        if (id == null || !Ids.ID.matcher(id).matches()) {
            return Optional.empty();
        }
        // only found cars are cached (a 404 is not stored), so a stale answer is always a car that existed
        return catalog.find("findCar", t -> t.path("/api/cars/{id}").resolveTemplate("id", id).request().get(),
                Car.class, Fallback.staleCache(lastCar, id, RETRY_AFTER));
    }

    @Override
    public List<Car> list() {
        return catalog.call("listCars", t -> t.path("/api/cars").request().get(),
                response -> response.readEntity(CARS), Fallback.staleCache(lastList, ALL, RETRY_AFTER));
    }
}
