package dev.fleet.platform.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which values a dynamic source may set under {@code hystrix.}: the known command and thread-pool properties of
 * Hystrix 1.5.18 with their type and a sane range. Anything else under {@code hystrix.} (a typo, a collapser or
 * plugin property) is rejected; properties outside {@code hystrix.} pass unchecked.
 *
 * <p>Why: Hystrix parses a dynamic value itself and silently falls back to its default on garbage, and takes an
 * absurd number (a 0 ms timeout, 100 000 threads) as it is. A rejected value is never applied.
 */
public final class HystrixPropertyRules {
    static final String COMMAND = "hystrix.command.";
    static final String THREAD_POOL = "hystrix.threadpool.";

    /** A property's type and range; {@link #check} answers why a raw value is not acceptable, if it is not. */
    sealed interface Rule permits IntRange, Bool, OneOf, Name {
        Optional<String> check(String value);
    }

    record IntRange(long min, long max) implements Rule {
        @Override
        public Optional<String> check(String value) {
            long number;
            try {
                number = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return Optional.of("not a whole number (expected " + min + ".." + max + ")");
            }
            return number < min || number > max
                    ? Optional.of("out of range " + min + ".." + max)
                    : Optional.empty();
        }
    }

    record Bool() implements Rule {
        @Override
        public Optional<String> check(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            return v.equals("true") || v.equals("false") ? Optional.empty() : Optional.of("not true or false");
        }
    }

    record OneOf(Set<String> values) implements Rule {
        @Override
        public Optional<String> check(String value) {
            return values.contains(value.trim()) ? Optional.empty() : Optional.of("not one of " + values);
        }
    }

    /** A Hystrix key (threadPoolKeyOverride): letters, digits, {@code -_.}. */
    record Name() implements Rule {
        @Override
        public Optional<String> check(String value) {
            return value.trim().matches("[A-Za-z0-9_.-]{1,100}") ? Optional.empty() : Optional.of("not a key name");
        }
    }

    private static final int MAX_MILLIS = 600_000;
    private static final Rule MILLIS = new IntRange(1, MAX_MILLIS);
    private static final Rule WINDOW = new IntRange(100, MAX_MILLIS);
    private static final Rule BUCKETS = new IntRange(1, 1_000);
    private static final Rule PERCENT = new IntRange(0, 100);
    private static final Rule CONCURRENCY = new IntRange(1, 10_000);
    private static final Rule BOOL = new Bool();

    static final Map<String, Rule> COMMAND_PROPERTIES = new LinkedHashMap<>();
    static final Map<String, Rule> THREAD_POOL_PROPERTIES = new LinkedHashMap<>();

    static {
        Map<String, Rule> c = COMMAND_PROPERTIES;
        c.put("execution.isolation.strategy", new OneOf(Set.of("THREAD", "SEMAPHORE")));
        c.put("execution.isolation.thread.timeoutInMilliseconds", MILLIS);
        c.put("execution.timeout.enabled", BOOL);
        c.put("execution.isolation.thread.interruptOnTimeout", BOOL);
        c.put("execution.isolation.thread.interruptOnFutureCancel", BOOL);
        c.put("execution.isolation.semaphore.maxConcurrentRequests", CONCURRENCY);
        c.put("fallback.isolation.semaphore.maxConcurrentRequests", CONCURRENCY);
        c.put("fallback.enabled", BOOL);
        c.put("circuitBreaker.enabled", BOOL);
        c.put("circuitBreaker.requestVolumeThreshold", new IntRange(1, 1_000_000));
        c.put("circuitBreaker.sleepWindowInMilliseconds", MILLIS);
        c.put("circuitBreaker.errorThresholdPercentage", PERCENT);
        c.put("circuitBreaker.forceOpen", BOOL);
        c.put("circuitBreaker.forceClosed", BOOL);
        c.put("metrics.rollingStats.timeInMilliseconds", WINDOW);
        c.put("metrics.rollingStats.numBuckets", BUCKETS);
        c.put("metrics.rollingPercentile.enabled", BOOL);
        c.put("metrics.rollingPercentile.timeInMilliseconds", WINDOW);
        c.put("metrics.rollingPercentile.numBuckets", BUCKETS);
        c.put("metrics.rollingPercentile.bucketSize", new IntRange(1, 100_000));
        c.put("metrics.healthSnapshot.intervalInMilliseconds", MILLIS);
        c.put("requestCache.enabled", BOOL);
        c.put("requestLog.enabled", BOOL);
        c.put("threadPoolKeyOverride", new Name());

        Map<String, Rule> t = THREAD_POOL_PROPERTIES;
        t.put("coreSize", new IntRange(1, 1_000));
        t.put("maximumSize", new IntRange(1, 1_000));
        t.put("allowMaximumSizeToDivergeFromCoreSize", BOOL);
        t.put("maxQueueSize", new IntRange(-1, 100_000));
        t.put("queueSizeRejectionThreshold", new IntRange(0, 100_000));
        t.put("keepAliveTimeMinutes", new IntRange(0, 1_440));
        t.put("metrics.rollingStats.timeInMilliseconds", WINDOW);
        t.put("metrics.rollingStats.numBuckets", BUCKETS);
    }

    private HystrixPropertyRules() {
    }

    /**
     * Why {@code value} may not be set for {@code property}, or empty when it may (every property outside
     * {@code hystrix.}). {@code hystrix.command.<key>.<name>} and {@code hystrix.threadpool.<key>.<name>}, where
     * {@code <key>} may be {@code default}, must name a known property with a value in its range.
     */
    public static Optional<String> check(String property, String value) {
        if (!property.startsWith("hystrix.")) {
            return Optional.empty();
        }
        if (value == null || value.isBlank()) {
            return Optional.of("empty value");
        }
        if (property.startsWith(COMMAND)) {
            return check(property.substring(COMMAND.length()), value, COMMAND_PROPERTIES, "command");
        }
        if (property.startsWith(THREAD_POOL)) {
            return check(property.substring(THREAD_POOL.length()), value, THREAD_POOL_PROPERTIES, "thread-pool");
        }
        return Optional.of("unknown Hystrix property: only hystrix.command.<key>.* and hystrix.threadpool.<key>.*"
                + " may change at run time");
    }

    /** {@code rest} is {@code <key>.<name>}: the longest known name it ends with decides. */
    private static Optional<String> check(String rest, String value, Map<String, Rule> rules, String kind) {
        String best = null;
        for (String name : rules.keySet()) {
            if (rest.endsWith("." + name) && rest.length() > name.length() + 1
                    && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        if (best == null) {
            return Optional.of("unknown Hystrix " + kind + " property");
        }
        return rules.get(best).check(value);
    }
}
