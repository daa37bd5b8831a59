package dev.fleet.services.catalog;

import dev.fleet.catalog.CatalogModule;
import dev.fleet.platform.app.FleetApp;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import org.jdbi.v3.core.Jdbi;

/** catalog-service: the catalog module alone, serving the cars API from its own database. */
public class CatalogServiceApplication extends Application<CatalogServiceConfiguration> {

    /**
     * The master changelog: the catalog module's changelog only. Named after the service, not migrations.xml, so
     * it does not clash with the monolith's when both are on one classpath (the monolith's catalog remote-mode test).
     */
    static final String MIGRATIONS = "catalog-service-migrations.xml";

    public static void main(String[] args) throws Exception {
        new CatalogServiceApplication().run(args);
    }

    @Override
    public String getName() {
        return "catalog-service";
    }

    @Override
    public void initialize(Bootstrap<CatalogServiceConfiguration> bootstrap) {
        FleetApp.initialize(bootstrap, MIGRATIONS);
    }

    @Override
    public void run(CatalogServiceConfiguration configuration, Environment environment) {
        Jdbi jdbi = FleetApp.jdbi(configuration, environment, MIGRATIONS);
        new CatalogModule(jdbi).register(environment);
    }
}
