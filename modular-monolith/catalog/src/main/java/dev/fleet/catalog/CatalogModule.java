package dev.fleet.catalog;

import dev.fleet.catalog.api.CarCatalog;
import dev.fleet.catalog.internal.CarResource;
import dev.fleet.catalog.internal.CarService;
import dev.fleet.platform.module.FleetModule;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

/** The catalog bounded context: cars, their categories, rates and locations. */
public class CatalogModule implements FleetModule {

    private final CarService cars;

    public CatalogModule(Jdbi jdbi) {
        this.cars = new CarService(jdbi);
    }

    /** The catalog as other modules see it. */
    public CarCatalog catalog() {
        return cars;
    }

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public String changelog() {
        return "db/catalog/changelog.xml";
    }

    @Override
    public void register(Environment environment) {
        environment.jersey().register(new CarResource(cars));
    }
}
