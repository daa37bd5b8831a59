package dev.fleet.platform.app;

import dev.fleet.platform.config.ConsulSubstitutor;
import dev.fleet.platform.config.DynamicConfigBundle;
import dev.fleet.platform.db.Databases;
import dev.fleet.platform.discovery.DiscoveryBundle;
import dev.fleet.platform.errors.JsonBundle;
import dev.fleet.platform.hystrix.HystrixBundle;
import dev.fleet.platform.ops.OperationsBundle;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.migrations.MigrationsBundle;
import org.jdbi.v3.core.Jdbi;

/**
 * The chassis set up the same way in every Fleet app (the monolith and each extracted service): call
 * {@link #initialize} from {@code Application.initialize} and {@link #jdbi} at the start of {@code run}.
 */
public final class FleetApp {

    /** The value of a broker setting ({@code FLEET_KAFKA_BOOTSTRAP}, {@code FLEET_AMQP_URI}) that means "no broker". */
    public static final String NO_BROKER = "none";

    private FleetApp() {
    }

    /**
     * {@code ${FLEET_…:-default}} and {@code ${consul:<key>:-default}} substitution in config.yml, JSON errors, Hystrix,
     * dynamic configuration (Consul KV, properties file), operations (request ids, fault injection, Prometheus), Consul
     * discovery (when configured) and the {@code db} commands for the app's master changelog.
     *
     * @param migrations the app's master changelog on the classpath: it includes the changelog of every module it runs
     */
    public static <C extends FleetAppConfiguration> void initialize(Bootstrap<C> bootstrap, String migrations) {
        // unset variables fall back to their defaults; ${consul:…} reads Consul KV when FLEET_CONSUL_URL is set
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new ConsulSubstitutor()));
        bootstrap.addBundle(new JsonBundle());
        bootstrap.addBundle(new HystrixBundle());
        bootstrap.addBundle(new DynamicConfigBundle());
        bootstrap.addBundle(new OperationsBundle());
        // Consul registration and lookup when consul.url (FLEET_CONSUL_URL) is set; nothing otherwise
        bootstrap.addBundle(new DiscoveryBundle<C>(FleetAppConfiguration::getConsul));
        bootstrap.addBundle(new MigrationsBundle<C>() {
            @Override
            public DataSourceFactory getDataSourceFactory(C configuration) {
                return Databases.withDriverFor(configuration.getDatabase());
            }

            @Override
            public String getMigrationsFileName() {
                return migrations;
            }
        });
    }

    /** The app's pooled database ("database" in metrics and health checks), migrated first if configured. */
    public static Jdbi jdbi(FleetAppConfiguration configuration, Environment environment, String migrations) {
        return Databases.jdbi(environment, Databases.withDriverFor(configuration.getDatabase()), "database",
                migrations, configuration.isMigrateOnStart());
    }

    /** Whether a broker setting names a broker (anything but blank or {@link #NO_BROKER}). */
    public static boolean brokerConfigured(String setting) {
        return setting != null && !setting.isBlank() && !NO_BROKER.equals(setting.trim());
    }
}
