package dev.fleet.platform.config;

import com.netflix.config.ConcurrentMapConfiguration;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One source's properties (a Consul KV prefix, a properties file, startup values) as an Archaius configuration.
 * A source hands over its whole current content ({@link #replaceAll}); the layer sets what changed and clears what
 * went away, and Archaius tells the dynamic properties (Hystrix's among them). A value {@link HystrixPropertyRules}
 * refuses is {@link Rejections rejected} and not applied: the layer keeps its last good value for that key.
 */
public final class PropertyLayer extends ConcurrentMapConfiguration {
    private final String source;
    private final Rejections rejections;
    /** The raw values last offered, so an unchanged bad value is reported once, not on every update. */
    private final Map<String, String> offered = new HashMap<>();

    PropertyLayer(String source, Rejections rejections) {
        this.source = source;
        this.rejections = rejections;
        // keep values as they are: "a,b" is one string, not a list
        setDelimiterParsingDisabled(true);
    }

    public String source() {
        return source;
    }

    /** Makes the layer hold {@code properties}, less the values refused now (their last good value stays). */
    synchronized void replaceAll(Map<String, String> properties) {
        for (String key : Map.copyOf(offered).keySet()) {
            if (!properties.containsKey(key)) {
                offered.remove(key);
                if (containsKey(key)) {
                    ThreadPoolSizes.change(key, () -> clearProperty(key));
                }
            }
        }
        properties.forEach((key, value) -> {
            if (value.equals(offered.put(key, value))) {
                return;
            }
            Optional<String> refused = HystrixPropertyRules.check(key, value);
            if (refused.isPresent()) {
                rejections.reject(source, key, value, refused.get());
            } else if (!value.equals(getProperty(key))) {
                ThreadPoolSizes.change(key, () -> setProperty(key, value));
            }
        });
    }

    /** Clears every property (Archaius falls back to the next source) before the layer is removed. */
    synchronized void clearAll() {
        replaceAll(Map.of());
    }

    /** What the layer holds now. */
    public synchronized Map<String, String> values() {
        Map<String, String> values = new TreeMap<>();
        for (java.util.Iterator<?> keys = getKeys(); keys.hasNext(); ) {
            String key = String.valueOf(keys.next());
            values.put(key, String.valueOf(getProperty(key)));
        }
        return values;
    }
}
