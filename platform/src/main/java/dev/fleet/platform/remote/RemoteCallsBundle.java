package dev.fleet.platform.remote;

import dev.fleet.platform.ops.JsonTaskServlet;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;

/**
 * For an app that calls other services: the {@code X-Fleet-Degraded} response header and the admin task
 * {@code circuit}. (The 503/4xx mappers of remote failures are registered by JsonBundle with the other error
 * mappers; HystrixBundle brings the stream, metrics and reset on stop.)
 */
public class RemoteCallsBundle implements ConfiguredBundle<Configuration> {

    @Override
    public void initialize(Bootstrap<?> bootstrap) {
        // nothing to do before the configuration is known
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        environment.jersey().register(new DegradedHeaderFilter());
        JsonTaskServlet.register(environment, new CircuitTask());
    }
}
