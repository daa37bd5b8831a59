package dev.fleet.turbine;

import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.cache.ServiceHealthCache;
import org.kiwiproject.consul.model.health.ServiceHealth;
import org.kiwiproject.consul.option.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Instances from Consul: every {@code scan} the service list is read for services carrying {@code tag}; each gets
 * a consul-client {@link ServiceHealthCache} of its passing instances (blocking queries: an instance appears or
 * disappears within a moment), and the instance's stream is {@code http://<address>:<meta adminPort>/hystrix.stream}
 * (docs/discovery.md: what an app registers).
 */
public final class ConsulInstances implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsulInstances.class);
    private static final int BLOCKING_WAIT_SECONDS = 10;

    private final Consul consul;
    private final String tag;
    private final Duration scan;
    private final Instances instances;
    private final Map<String, ServiceHealthCache> watches = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "turbine-consul-scan");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean failing;

    public ConsulInstances(URI agent, String tag, Duration scan, Instances instances) {
        try {
            this.consul = Consul.builder()
                    .withUrl(agent.toURL())
                    .withConnectTimeoutMillis(2_000)
                    .withReadTimeoutMillis((BLOCKING_WAIT_SECONDS + 10) * 1000L)
                    .withPing(false)   // Consul may come up after Turbine
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("consulUrl is not a URL: " + agent, e);
        }
        this.tag = tag;
        this.scan = scan;
        this.instances = instances;
    }

    public ConsulInstances start() {
        scheduler.scheduleWithFixedDelay(this::scanServices, 0, scan.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void scanServices() {
        try {
            Map<String, List<String>> services = consul.catalogClient().getServices().getResponse();
            if (failing) {
                LOG.info("Consul answers again");
                failing = false;
            }
            services.forEach((service, tags) -> {
                if (tags != null && tags.contains(tag)) {
                    watches.computeIfAbsent(service, this::watch);
                }
            });
            for (String watched : List.copyOf(watches.keySet())) {
                if (!services.containsKey(watched)) {
                    watches.remove(watched).stop();
                    instances.replace(watched, List.of());
                }
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("cannot list Consul services ({}); keeping the instances known so far", e.toString());
                failing = true;
            }
        }
    }

    private ServiceHealthCache watch(String service) {
        LOG.info("watching Consul service {}", service);
        ServiceHealthCache cache = ServiceHealthCache.newCache(consul.healthClient(), service, true,
                BLOCKING_WAIT_SECONDS, Options.BLANK_QUERY_OPTIONS);
        cache.addListener(passing -> instances.replace(service, instancesOf(service, passing.values())));
        cache.start();
        return cache;
    }

    private List<Instance> instancesOf(String service, Collection<ServiceHealth> passing) {
        return passing.stream().map(health -> instance(service, health)).filter(Objects::nonNull).toList();
    }

    private Instance instance(String service, ServiceHealth health) {
        if (!health.getService().getTags().contains(tag)) {
            return null;
        }
        String adminPort = health.getService().getMeta().get("adminPort");
        if (adminPort == null || !adminPort.matches("\\d{1,5}")) {
            LOG.warn("{} has no usable meta adminPort ({}); not read", health.getService().getId(), adminPort);
            return null;
        }
        String address = health.getService().getAddress();
        if (address == null || address.isBlank()) {
            address = health.getNode().getAddress();
        }
        if (address.contains(":") && !address.startsWith("[")) {
            address = "[" + address + "]";   // IPv6
        }
        return new Instance(service, health.getService().getId(),
                URI.create("http://" + address + ":" + adminPort + "/hystrix.stream"));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        watches.values().forEach(ServiceHealthCache::stop);
        watches.clear();
        consul.destroy();
    }
}
