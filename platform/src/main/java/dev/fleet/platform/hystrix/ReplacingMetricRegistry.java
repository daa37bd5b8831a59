package dev.fleet.platform.hystrix;

import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;

/**
 * Hands {@code register} calls to the application's registry, replacing a metric of the same name.
 *
 * <p>After {@code Hystrix.reset()} Hystrix publishes every command again under the same names; the
 * plain registry would throw "A metric named ... already exists" and the command would fail.
 * The Codahale publisher only ever calls {@link #register}.
 */
final class ReplacingMetricRegistry extends MetricRegistry {
    private final MetricRegistry target;

    ReplacingMetricRegistry(MetricRegistry target) {
        this.target = target;
    }

    @Override
    public <T extends Metric> T register(String name, T metric) {
        target.remove(name);
        return target.register(name, metric);
    }
}
