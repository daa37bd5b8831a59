package dev.fleet.platform.config;

import org.kiwiproject.consul.KeyValueClient;
import org.kiwiproject.consul.cache.KVCache;
import org.kiwiproject.consul.model.kv.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The keys below one Consul KV prefix ({@code fleet/config/monolith/}) as properties of a {@link PropertyLayer}:
 * {@code fleet/config/monolith/hystrix.command.findCar.execution.isolation.thread.timeoutInMilliseconds} is the
 * property {@code hystrix.command.findCar.execution.isolation.thread.timeoutInMilliseconds}. Watched with blocking
 * queries (consul-client's KVCache); while Consul is unreachable the cache retries and the layer keeps its values.
 */
final class ConsulKvSource implements AutoCloseable {
    /** How long one blocking query waits for a change (the client's read timeout is longer). */
    static final int WATCH_SECONDS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(ConsulKvSource.class);

    private final String prefix;
    private final PropertyLayer layer;
    private final KVCache cache;

    ConsulKvSource(KeyValueClient kv, String prefix, PropertyLayer layer) {
        this.prefix = prefix;
        this.layer = layer;
        this.cache = KVCache.newCache(kv, prefix, WATCH_SECONDS);
        cache.addListener(values -> layer.replaceAll(properties(values)));
    }

    /** Starts watching and waits up to {@code wait} for the first answer, so an app starts with its KV values. */
    void start(Duration wait) {
        cache.start();
        try {
            if (!cache.awaitInitialized(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("no answer from Consul KV {} within {}; starting without it, it applies when it comes",
                        prefix, wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keys relative to the prefix; folders ({@code …/}) and nested keys are not properties. */
    private Map<String, String> properties(Map<String, Value> values) {
        Map<String, String> properties = new HashMap<>();
        for (Value value : values.values()) {
            String key = value.getKey();
            if (key == null || !key.startsWith(prefix)) {
                continue;
            }
            String name = key.substring(prefix.length());
            if (name.isEmpty() || name.contains("/")) {
                continue;
            }
            properties.put(name, value.getValueAsString().orElse(""));
        }
        return properties;
    }

    String prefix() {
        return prefix;
    }

    PropertyLayer layer() {
        return layer;
    }

    @Override
    public void close() {
        cache.stop();
    }
}
