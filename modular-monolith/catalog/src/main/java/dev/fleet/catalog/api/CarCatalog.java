package dev.fleet.catalog.api;

import java.util.List;
import java.util.Optional;

/** What other modules may ask of the catalog. */
public interface CarCatalog {

    Optional<Car> find(String id);

    List<Car> list();
}
