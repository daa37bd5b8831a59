package dev.fleet.platform.hystrix;

import com.codahale.metrics.health.HealthCheck;
import com.netflix.hystrix.HystrixCircuitBreaker;
import com.netflix.hystrix.HystrixCommandMetrics;
import com.netflix.hystrix.HystrixCommandProperties;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Unhealthy while any circuit breaker is open (tripped or forced); the message names the command keys. */
public class HystrixHealthCheck extends HealthCheck {

    @Override
    protected Result check() {
        List<HystrixCommandMetrics> commands = new ArrayList<>(HystrixCommandMetrics.getInstances());
        commands.sort(Comparator.comparing(metrics -> metrics.getCommandKey().name()));
        List<String> open = new ArrayList<>();
        for (HystrixCommandMetrics metrics : commands) {
            HystrixCommandProperties properties = metrics.getProperties();
            if (!properties.circuitBreakerEnabled().get()) {
                continue;
            }
            HystrixCircuitBreaker breaker = HystrixCircuitBreaker.Factory.getInstance(metrics.getCommandKey());
            // Hystrix 1.5.18's isOpen() ignores forceOpen, although a forced circuit rejects every call
            if (properties.circuitBreakerForceOpen().get()) {
                open.add(metrics.getCommandKey().name() + " (forced)");
            } else if (breaker != null && breaker.isOpen()) {
                open.add(metrics.getCommandKey().name());
            }
        }
        if (open.isEmpty()) {
            return Result.healthy("no open circuits (" + commands.size() + " commands)");
        }
        return Result.unhealthy("open circuits: " + String.join(", ", open));
    }
}
