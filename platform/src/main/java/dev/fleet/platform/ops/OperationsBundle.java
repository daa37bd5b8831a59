package dev.fleet.platform.ops;

import io.dropwizard.core.Configuration;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import java.util.EnumSet;

/**
 * Operations chassis: request ids ({@code X-Request-Id}, MDC {@code requestId}), a request body limit (413),
 * fault injection (admin task {@code fault} + filter) and Prometheus exposition on admin {@code /prometheus}.
 */
public class OperationsBundle implements ConfiguredBundle<Configuration> {
    private final long maxRequestBodyBytes;
    private final FaultInjection faults = new FaultInjection();

    public OperationsBundle() {
        this(BodySizeLimitFilter.DEFAULT_LIMIT_BYTES);
    }

    public OperationsBundle(long maxRequestBodyBytes) {
        this.maxRequestBodyBytes = maxRequestBodyBytes;
    }

    @Override
    public void initialize(Bootstrap<?> bootstrap) {
        // nothing to do before the configuration is known
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        // order matters: the request id comes first so 413 and injected 503 answers carry one too
        addFilter(environment, "request-id", new RequestIdFilter());
        addFilter(environment, "fault-injection", new FaultInjectionFilter(faults));
        addFilter(environment, "body-size-limit", new BodySizeLimitFilter(maxRequestBodyBytes));

        JsonTaskServlet.register(environment, new FaultTask(faults));

        // a registry per app (not PrometheusRegistry.defaultRegistry), so several apps can share a JVM
        PrometheusRegistry prometheus = new PrometheusRegistry();
        DropwizardExports.builder().dropwizardRegistry(environment.metrics()).register(prometheus);
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(prometheus)).addMapping("/prometheus");
    }

    /** The fault rule of this app, e.g. for tests or a launcher. */
    public FaultInjection faults() {
        return faults;
    }

    private static void addFilter(Environment environment, String name, Filter filter) {
        environment.servlets().addFilter(name, filter)
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
    }
}
