package dev.fleet.platform.hystrix;

import com.codahale.metrics.health.HealthCheck;
import com.netflix.hystrix.HystrixCircuitBreaker;
import com.netflix.hystrix.HystrixCommandMetrics;

import java.util.List;

/** Unhealthy while any circuit breaker is open; the message names the command keys. */
public class HystrixHealthCheck extends HealthCheck {

    @Override
    protected Result check() {
        List<String> open = HystrixCommandMetrics.getInstances().stream()
                .map(HystrixCommandMetrics::getCommandKey)
                .filter(key -> {
                    // null when the breaker is disabled for that command
                    HystrixCircuitBreaker breaker = HystrixCircuitBreaker.Factory.getInstance(key);
                    return breaker != null && breaker.isOpen();
                })
                .map(key -> key.name())
                .sorted()
                .toList();
        if (open.isEmpty()) {
            return Result.healthy("no open circuits (" + HystrixCommandMetrics.getInstances().size() + " commands)");
        }
        return Result.unhealthy("open circuits: " + String.join(", ", open));
    }
}
