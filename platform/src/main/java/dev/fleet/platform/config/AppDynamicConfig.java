package dev.fleet.platform.config;

import dev.fleet.platform.config.DynamicConfig.Tier;
import dev.fleet.platform.consul.ConsulSettings;
import io.dropwizard.lifecycle.Managed;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.cache.CacheDescriptor;
import org.kiwiproject.consul.config.CacheConfig;
import org.kiwiproject.consul.config.ClientConfig;
import org.kiwiproject.consul.monitoring.ClientEventCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One app's dynamic sources: its layers in every {@link Tier}, added on start and removed on stop (several apps may
 * run in one JVM, one after the other or together).
 */
public final class AppDynamicConfig implements Managed {
    /** Consul KV root of every app's dynamic properties. */
    public static final String KV_ROOT = "fleet/config/";
    public static final String SHARED = "shared";
    private static final Logger LOG = LoggerFactory.getLogger(AppDynamicConfig.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final String app;
    private final String id;
    private final DynamicConfigSettings settings;
    private final ConsulSettings consulSettings;
    private final Rejections rejections;
    private final Map<Tier, PropertyLayer> layers = new EnumMap<>(Tier.class);
    private final List<AutoCloseable> sources = new ArrayList<>();
    private final AtomicBoolean consulDown = new AtomicBoolean();
    private final AtomicLong consulFailures = new AtomicLong();
    private Consul consul;

    public AppDynamicConfig(String app, DynamicConfigSettings settings, ConsulSettings consulSettings,
                            Rejections rejections) {
        this.app = app;
        this.id = app + "#" + INSTANCES.incrementAndGet();
        this.settings = settings;
        this.consulSettings = consulSettings;
        this.rejections = rejections;
    }

    @Override
    public void start() {
        PropertyLayer startup = layer(Tier.STARTUP, "startup values (config.defaults)");
        startup.replaceAll(settings.defaults());

        settings.propertiesFile().ifPresent(file -> {
            var source = new PropertiesFileSource(file.toAbsolutePath(),
                    layer(Tier.FILE, "properties file " + file.toAbsolutePath()),
                    Duration.ofMillis(settings.reloadInterval().toMilliseconds()));
            sources.add(source);
            source.start();
        });

        consulSettings.uri().ifPresent(agent -> {
            consul = client(agent);
            Duration wait = Duration.ofMillis(settings.consulWait().toMilliseconds());
            for (var prefix : Map.of(Tier.CONSUL_APP, KV_ROOT + app + "/", Tier.CONSUL_SHARED, KV_ROOT + SHARED + "/")
                    .entrySet()) {
                var source = new ConsulKvSource(consul.keyValueClient(), prefix.getValue(),
                        layer(prefix.getKey(), "Consul KV " + prefix.getValue()));
                sources.add(source);
                source.start(wait);
            }
        });
    }

    @Override
    public void stop() {
        for (AutoCloseable source : sources) {
            try {
                source.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", source, e.toString());
            }
        }
        sources.clear();
        synchronized (layers) {
            layers.forEach(DynamicConfig::remove);
            layers.clear();
        }
        if (consul != null) {
            consul.destroy();
            consul = null;
        }
    }

    /** This app's layers, highest priority first. */
    public List<PropertyLayer> layers() {
        synchronized (layers) {
            return List.copyOf(layers.values());
        }
    }

    /** Whether Consul KV is on for this app. */
    public boolean consulEnabled() {
        return consulSettings.enabled();
    }

    /** False from a failed KV poll until the next successful one. */
    public boolean consulReachable() {
        return !consulDown.get();
    }

    /** Failed KV polls since start (each retry counts). */
    public long consulFailures() {
        return consulFailures.get();
    }

    public Rejections rejections() {
        return rejections;
    }

    public String app() {
        return app;
    }

    private PropertyLayer layer(Tier tier, String source) {
        PropertyLayer layer = new PropertyLayer(source, rejections);
        // added empty, then filled: Archaius announces values set in a layer it knows, not those of a new layer
        DynamicConfig.add(tier, id, layer);
        synchronized (layers) {
            layers.put(tier, layer);
        }
        return layer;
    }

    /**
     * A client whose caches retry an unreachable agent every 1..10 s, logging the outage once (not every retry)
     * and the recovery; the layers keep their values meanwhile.
     */
    private Consul client(URI agent) {
        CacheConfig cache = CacheConfig.builder()
                .withBackOffDelay(Duration.ofSeconds(1), Duration.ofSeconds(10))
                .withRefreshErrorLoggedAs((logger, message, error) -> logger.debug(message, error))
                .build();
        try {
            return Consul.builder()
                    .withUrl(agent.toURL())
                    .withConnectTimeoutMillis(2_000)
                    // a blocking query waits WATCH_SECONDS: the read must wait longer
                    .withReadTimeoutMillis((ConsulKvSource.WATCH_SECONDS + 15) * 1_000L)
                    .withPing(false)
                    .withClientConfiguration(new ClientConfig(cache))
                    .withClientEventCallback(new ClientEventCallback() {
                        @Override
                        public void onCachePollingError(String client, CacheDescriptor cache, Throwable error) {
                            consulFailures.incrementAndGet();
                            if (consulDown.compareAndSet(false, true)) {
                                LOG.warn("Consul KV at {} unreachable ({}); {} keeps its last dynamic values and"
                                        + " retries", agent, error.toString(), app);
                            }
                        }

                        @Override
                        public void onCachePollingSuccess(String client, CacheDescriptor cache, boolean notified,
                                                          Duration duration) {
                            if (consulDown.compareAndSet(true, false)) {
                                LOG.info("Consul KV at {} reachable again", agent);
                            }
                        }
                    })
                    .build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("consul.url is not a URL: " + agent, e);
        }
    }
}
