package dev.fleet.platform.remote;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The last good answer per key, for {@link Fallback#staleCache}: a successful call stores its result, a failed one
 * answers the stored value. Unbounded: use it for small key sets (price rules per car class…), not per-request keys.
 */
public class StaleCache<K, V> {
    private final ConcurrentMap<K, V> values = new ConcurrentHashMap<>();

    public void put(K key, V value) {
        if (value != null) {
            values.put(key, value);
        }
    }

    public Optional<V> get(K key) {
        return Optional.ofNullable(values.get(key));
    }

    public void clear() {
        values.clear();
    }
}
