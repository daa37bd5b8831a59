package dev.fleet.platform.hystrix;

import com.netflix.hystrix.Hystrix;
import com.netflix.hystrix.contrib.codahalemetricspublisher.HystrixCodaHaleMetricsPublisher;
import com.netflix.hystrix.strategy.HystrixPlugins;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hystrix for a Dropwizard app: {@code /hystrix.stream} on the admin port, Hystrix metrics in the app's
 * MetricRegistry, a {@code hystrix} health check, and {@code Hystrix.reset()} on stop.
 *
 * <p>Hystrix state (plugins, metrics, thread pools) is JVM-global: one running app per JVM owns it.
 * Use {@link #resetHystrix()} instead of {@code Hystrix.reset()} while the app runs, or the metrics
 * publisher is lost.
 */
public class HystrixBundle implements ConfiguredBundle<Configuration> {
    public static final int DEFAULT_MAX_CONCURRENT_STREAMS = 5;
    public static final String STREAM_PATH = "/hystrix.stream";
    private static final Logger LOG = LoggerFactory.getLogger(HystrixBundle.class);

    private final int maxConcurrentStreams;
    private volatile HystrixCodaHaleMetricsPublisher publisher;
    private volatile HystrixStreamServlet streamServlet;

    public HystrixBundle() {
        this(DEFAULT_MAX_CONCURRENT_STREAMS);
    }

    public HystrixBundle(int maxConcurrentStreams) {
        this.maxConcurrentStreams = maxConcurrentStreams;
    }

    @Override
    public void initialize(Bootstrap<?> bootstrap) {
        // nothing to do before the configuration is known
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        publisher = new HystrixCodaHaleMetricsPublisher(new ReplacingMetricRegistry(environment.metrics()));
        registerPublisher();

        HystrixStreamServlet servlet = new HystrixStreamServlet(maxConcurrentStreams);
        streamServlet = servlet;
        environment.admin().addServlet("hystrix-stream", servlet).addMapping(STREAM_PATH);
        environment.healthChecks().register("hystrix", new HystrixHealthCheck());

        // Jetty's gzip handler skips text/event-stream only through its default excluded mime types, and a
        // `server.gzip.excludedMimeTypes` setting replaces those defaults: exclude the path too.
        environment.lifecycle().addServerLifecycleListener(server -> {
            for (Handler gzip : server.getChildHandlersByClass(GzipHandler.class)) {
                ((GzipHandler) gzip).addExcludedPaths("*" + STREAM_PATH.substring(STREAM_PATH.lastIndexOf('.')));
            }
        });

        // Jetty's graceful shutdown waits for in-flight requests before it stops managed objects,
        // and a stream never finishes on its own: end the streams as soon as stopping begins.
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                servlet.shutdown();
            }
        });
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                servlet.shutdown();
                // also resets the plugins, so the next app in this JVM can register its publisher
                Hystrix.reset();
            }
        });
    }

    /** {@code Hystrix.reset()} (thread pools, metrics, circuit breakers) keeping this app's metrics publisher. */
    public void resetHystrix() {
        Hystrix.reset();
        registerPublisher();
    }

    /** The stream servlet, once {@link #run} has been called. */
    public HystrixStreamServlet streamServlet() {
        return streamServlet;
    }

    private void registerPublisher() {
        try {
            HystrixPlugins.getInstance().registerMetricsPublisher(publisher);
        } catch (IllegalStateException alreadyRegistered) {
            // Something used Hystrix before this app started (or another app did not stop):
            // plugins are JVM-global, the app starting last takes them over.
            LOG.warn("a Hystrix metrics publisher was already registered; resetting Hystrix plugins");
            HystrixPlugins.reset();
            HystrixPlugins.getInstance().registerMetricsPublisher(publisher);
        }
    }
}
