package dev.fleet.platform.config;

import dev.fleet.platform.app.FleetAppConfiguration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * Dynamic configuration for a Fleet app (part of the chassis, {@code FleetApp.initialize}): on start the app's
 * Consul KV prefixes (when {@code consul.url} is set), its properties file ({@code config.properties}) and its startup
 * values ({@code config.defaults}) join the JVM's Archaius configuration, which Hystrix reads its properties from;
 * they leave on stop. Rejected values are counted in {@code config.rejected}; {@code GET /config} on the admin port
 * lists the sources, their values and the latest rejections.
 */
public class DynamicConfigBundle implements ConfiguredBundle<FleetAppConfiguration> {
    public static final String REJECTED_METRIC = "config.rejected";
    public static final String ADMIN_PATH = "/config";

    private volatile AppDynamicConfig config;

    @Override
    public void initialize(Bootstrap<?> bootstrap) {
        // nothing to do before the configuration is known
    }

    @Override
    public void run(FleetAppConfiguration configuration, Environment environment) {
        var rejections = new Rejections(environment.metrics().counter(REJECTED_METRIC));
        config = new AppDynamicConfig(environment.getName(), configuration.getConfig(), configuration.getConsul(),
                rejections);
        environment.lifecycle().manage(config);
        environment.admin().addServlet("config", new DynamicConfigServlet(config, environment.getObjectMapper()))
                .addMapping(ADMIN_PATH);
    }

    /** The app's sources, once {@link #run} has been called. */
    public AppDynamicConfig config() {
        return config;
    }
}
