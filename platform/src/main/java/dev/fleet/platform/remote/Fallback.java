package dev.fleet.platform.remote;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a {@link RemoteCall} answers when the remote failed, timed out, was rejected or its circuit is open.
 * Every call names one: there is no silent default.
 * <ul>
 *   <li>{@link #value} — a substitute value (e.g. an empty list); the result is marked degraded;</li>
 *   <li>{@link #staleCache} — the last good answer for the key; the result is marked degraded; with nothing cached
 *       it fails fast;</li>
 *   <li>{@link #failFast} — {@link RemoteUnavailableException}: HTTP 503 with {@code Retry-After}.</li>
 * </ul>
 */
public sealed interface Fallback<T> {

    static <T> Fallback<T> value(Supplier<? extends T> supplier) {
        return new Value<>(supplier);
    }

    static <K, T> Fallback<T> staleCache(StaleCache<K, T> cache, K key, Duration retryAfterWhenEmpty) {
        return new Stale<>(cache, key, retryAfterWhenEmpty);
    }

    static <T> Fallback<T> failFast(Duration retryAfter) {
        return new FailFast<>(retryAfter);
    }

    record Value<T>(Supplier<? extends T> supplier) implements Fallback<T> {
        public Value {
            Objects.requireNonNull(supplier, "supplier");
        }
    }

    record Stale<K, T>(StaleCache<K, T> cache, K key, Duration retryAfterWhenEmpty) implements Fallback<T> {
        public Stale {
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(key, "key");
            RemoteUnavailableException.checkRetryAfter(retryAfterWhenEmpty);
        }
    }

    record FailFast<T>(Duration retryAfter) implements Fallback<T> {
        public FailFast {
            RemoteUnavailableException.checkRetryAfter(retryAfter);
        }
    }
}
