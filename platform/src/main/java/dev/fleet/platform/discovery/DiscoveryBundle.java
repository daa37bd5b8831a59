package dev.fleet.platform.discovery;

import dev.fleet.platform.consul.ConsulSettings;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;
import org.kiwiproject.consul.Consul;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Consul discovery for an app, only when {@code consul.url} is set ({@link ConsulSettings#client()}); otherwise it
 * does nothing. It registers the app ({@link ConsulRegistration}) once Jetty has started, deregisters at the start of
 * a graceful stop, and offers a {@link ConsulServiceDirectory} (with its {@code consul} health check) that
 * {@code RemoteCallsSettings.service(environment, …)} picks up through {@link #directory(Environment)}.
 * FleetApp.initialize adds it to every Fleet app.
 */
public class DiscoveryBundle<C extends Configuration> implements ConfiguredBundle<C> {
    /** The servlet-context attribute holding this app's directory (one per Environment, not JVM-global). */
    static final String DIRECTORY_ATTRIBUTE = ConsulServiceDirectory.class.getName();

    private final Function<C, ConsulSettings> settings;
    private final Duration keepAliveEvery;
    private String name;
    private String version;
    private volatile ConsulRegistration registration;
    private volatile ConsulServiceDirectory directory;

    public DiscoveryBundle(Function<C, ConsulSettings> settings) {
        this(settings, Duration.ofSeconds(10));
    }

    /** @param keepAliveEvery how often the app checks that the agent still knows it (tests use less than 10 s) */
    public DiscoveryBundle(Function<C, ConsulSettings> settings, Duration keepAliveEvery) {
        this.settings = settings;
        this.keepAliveEvery = keepAliveEvery;
    }

    /** The Consul directory of the app running in {@code environment}, when Consul is on. */
    public static Optional<ConsulServiceDirectory> directory(Environment environment) {
        return Optional.ofNullable((ConsulServiceDirectory) environment.getApplicationContext().getAttribute(DIRECTORY_ATTRIBUTE));
    }

    @Override
    public void initialize(Bootstrap<?> bootstrap) {
        name = bootstrap.getApplication().getName();
        version = bootstrap.getApplication().getClass().getPackage().getImplementationVersion();
    }

    @Override
    public void run(C configuration, Environment environment) {
        ConsulSettings consulSettings = settings.apply(configuration);
        Optional<Consul> client = consulSettings.client();
        if (client.isEmpty()) {
            return;
        }
        Consul consul = client.get();
        String host = consulSettings.getAdvertiseHost();
        registration = new ConsulRegistration(consul, name, version, host, keepAliveEvery);
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                if (event instanceof Server server) {
                    registration.start(server);
                }
            }

            @Override
            public void lifeCycleStopping(LifeCycle event) {
                // before the connectors close: callers drop this instance while it still answers
                if (event instanceof Server) {
                    registration.stop();
                }
            }
        });
        directory = new ConsulServiceDirectory(consul);
        environment.getApplicationContext().setAttribute(DIRECTORY_ATTRIBUTE, directory);
        environment.healthChecks().register("consul", directory.healthCheck());
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                directory.stop();
                consul.destroy();
            }
        });
    }

    /** This app's directory (null when Consul is off); for tests and diagnostics. */
    public ConsulServiceDirectory directory() {
        return directory;
    }

    /** This app's registration (null when Consul is off); for tests and diagnostics. */
    public ConsulRegistration registration() {
        return registration;
    }
}
