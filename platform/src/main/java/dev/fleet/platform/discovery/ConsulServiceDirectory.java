package dev.fleet.platform.discovery;

import com.codahale.metrics.health.HealthCheck;
import dev.fleet.platform.consul.ConsulSettings;
import dev.fleet.platform.remote.ServiceDirectory;
import dev.fleet.platform.remote.UnknownServiceException;
import io.dropwizard.lifecycle.Managed;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.cache.ServiceHealthCache;
import org.kiwiproject.consul.model.health.ServiceHealth;
import org.kiwiproject.consul.option.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where services answer, from Consul: per service the passing instances, kept by a {@link ServiceHealthCache}
 * (blocking queries, so a deregistration or a failing check reaches us within a moment), started for every service
 * the app calls ({@link #watch}) or lazily on the first lookup. Each lookup takes the next instance in turn
 * (round-robin over the instances sorted by id).
 * <ul>
 *   <li>Consul unreachable: the cache keeps the last known instances and retries; the {@code consul} health check
 *       stays healthy (it is what Consul and Kubernetes probe) but says WARNING, since when, and what is in use.</li>
 *   <li>Before Consul has ever answered for a service: its static {@code remote.services} entry, if there is one.</li>
 *   <li>Consul answered and no instance passes: {@link NoInstanceException} — inside a RemoteCall a failure like a
 *       refused connection (fallback or 503), never a 500; startup does not need the service to be registered.</li>
 * </ul>
 */
public class ConsulServiceDirectory implements ServiceDirectory, Managed {
    private static final Logger LOG = LoggerFactory.getLogger(ConsulServiceDirectory.class);

    private final Consul consul;
    private final Clock clock;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private volatile Instant unreachableSince;
    private volatile boolean stopped;

    public ConsulServiceDirectory(Consul consul) {
        this(consul, Clock.systemUTC());
    }

    ConsulServiceDirectory(Consul consul, Clock clock) {
        this.consul = consul;
        this.clock = clock;
    }

    /**
     * This directory as the callers see it: target names mapped to Consul service names by {@code consulName} (e.g.
     * catalog → catalog-service), and {@code fallback} (the static table, by target name) answering for services
     * Consul has not answered for yet.
     */
    public ServiceDirectory withFallback(ServiceDirectory fallback, UnaryOperator<String> consulName) {
        return new ServiceDirectory() {
            @Override
            public URI uri(String service) {
                return uri(service, null);
            }

            @Override
            public URI uri(String service, URI avoid) {
                return ConsulServiceDirectory.this.uri(consulName.apply(service), avoid, () -> fallback.uri(service));
            }
        };
    }

    /** Starts watching {@code service} now (idempotent), so its instances are known before the first call. */
    public void watch(String service) {
        watchOf(service);
    }

    @Override
    public URI uri(String service) {
        return uri(service, null, null);
    }

    @Override
    public URI uri(String service, URI avoid) {
        return uri(service, avoid, null);
    }

    private URI uri(String service, URI avoid, Supplier<URI> fallback) {
        Watch watch = watchOf(service);
        List<URI> instances = watch.instances;
        if (instances == null) {
            if (fallback != null) {
                try {
                    return fallback.get();
                } catch (UnknownServiceException notListed) {
                    // neither Consul nor the static table knows it yet: "no instance", like a refused connection
                }
            }
            throw new NoInstanceException(service, "Consul has not answered for it yet and remote.services does not list it");
        }
        if (instances.isEmpty()) {
            throw new NoInstanceException(service, "no passing instance in Consul");
        }
        if (avoid != null) {
            // a retry: the next instance that is not the one that failed, without taking a turn from other calls
            int start = watch.next.get();
            for (int i = 0; i < instances.size(); i++) {
                URI candidate = instances.get(Math.floorMod(start + i, instances.size()));
                if (!candidate.equals(avoid)) {
                    return candidate;
                }
            }
            return avoid;
        }
        return instances.get(Math.floorMod(watch.next.getAndIncrement(), instances.size()));
    }

    /** The passing instances of {@code service} Consul last reported (empty when it never answered). */
    public List<URI> instances(String service) {
        List<URI> instances = watchOf(service).instances;
        return instances == null ? List.of() : instances;
    }

    private Watch watchOf(String service) {
        if (stopped) {
            throw new NoInstanceException(service, "the app is stopping");
        }
        return watches.computeIfAbsent(service, this::startWatch);
    }

    private Watch startWatch(String service) {
        Watch watch = new Watch(service);
        int waitSeconds = (int) ConsulSettings.BLOCKING_WAIT.toSeconds();
        watch.cache = ServiceHealthCache.newCache(consul.healthClient(), service, true, waitSeconds,
                Options.BLANK_QUERY_OPTIONS);
        watch.cache.addListener(values -> watch.update(values.values()));
        watch.cache.start();
        return watch;
    }

    @Override
    public void start() {
        // watches start with the first watch()/lookup
    }

    @Override
    public void stop() {
        stopped = true;
        watches.values().forEach(watch -> watch.cache.stop());
        watches.clear();
    }

    /**
     * The {@code consul} health check: healthy always (an outage must not take the app out of Consul or Kubernetes),
     * with a WARNING message while the agent does not answer, plus the instances in use per service as details.
     */
    public HealthCheck healthCheck() {
        return new HealthCheck() {
            @Override
            protected Result check() {
                Map<String, Integer> inUse = new TreeMap<>();
                watches.forEach((service, watch) -> inUse.put(service, watch.instances == null ? 0 : watch.instances.size()));
                Instant since = probe();
                ResultBuilder result = Result.builder().healthy().withDetail("instances", inUse);
                if (since == null) {
                    return result.withMessage("Consul reachable; passing instances: " + inUse).build();
                }
                return result.withDetail("unreachableSince", since.toString())
                        .withMessage("WARNING: Consul unreachable since " + since + ", using last known instances: "
                                + String.join(", ", inUse.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()))
                        .build();
            }
        };
    }

    /** Asks the agent for its leader; returns when it has been unreachable since, or null when it answers. */
    Instant probe() {
        try {
            consul.statusClient().getLeader();
            if (unreachableSince != null) {
                LOG.info("Consul reachable again (unreachable since {})", unreachableSince);
                unreachableSince = null;
            }
            return null;
        } catch (RuntimeException e) {
            if (unreachableSince == null) {
                unreachableSince = clock.instant();
                LOG.warn("Consul unreachable, using last known instances: {}", e.toString());
            }
            return unreachableSince;
        }
    }

    private static final class Watch {
        final String service;
        final AtomicInteger next = new AtomicInteger();
        volatile ServiceHealthCache cache;
        /** null until Consul first answered. */
        volatile List<URI> instances;

        Watch(String service) {
            this.service = service;
        }

        void update(java.util.Collection<ServiceHealth> passing) {
            List<ServiceHealth> sorted = new ArrayList<>(passing);
            sorted.sort(Comparator.comparing(health -> health.getService().getId()));
            List<URI> uris = sorted.stream().map(Watch::uri).toList();
            if (!uris.equals(instances)) {
                LOG.info("Consul: {} passing instance(s) of {}: {}", uris.size(), service, uris);
            }
            instances = uris;
        }

        private static URI uri(ServiceHealth health) {
            String address = health.getService().getAddress();
            if (address == null || address.isBlank()) {
                address = health.getNode().getAddress();  // registered without an address: the node's
            }
            if (address.contains(":") && !address.startsWith("[")) {
                address = "[" + address + "]";
            }
            return URI.create("http://" + address + ":" + health.getService().getPort());
        }
    }
}
