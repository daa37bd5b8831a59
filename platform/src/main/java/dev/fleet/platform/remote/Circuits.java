package dev.fleet.platform.remote;

import com.netflix.config.ConfigurationManager;
import com.netflix.hystrix.HystrixCircuitBreaker;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Forcing circuits by command key through Hystrix's dynamic (Archaius) properties
 * {@code hystrix.command.<key>.circuitBreaker.forceOpen|forceClosed}, which commands read on every call.
 */
public final class Circuits {
    public enum Force { OPEN, CLOSED, NORMAL }

    private static final Set<String> FORCED = ConcurrentHashMap.newKeySet();

    private Circuits() {
    }

    public static void force(String commandKey, Force force) {
        var config = ConfigurationManager.getConfigInstance();
        config.clearProperty(property(commandKey, "forceOpen"));
        config.clearProperty(property(commandKey, "forceClosed"));
        switch (force) {
            case OPEN -> config.setProperty(property(commandKey, "forceOpen"), true);
            case CLOSED -> config.setProperty(property(commandKey, "forceClosed"), true);
            case NORMAL -> { }
        }
        if (force == Force.NORMAL) {
            FORCED.remove(commandKey);
        } else {
            FORCED.add(commandKey);
        }
    }

    /** Back to normal for every command this JVM forced (tests; a restart does it in production). */
    public static void releaseAll() {
        for (String key : Set.copyOf(FORCED)) {
            force(key, Force.NORMAL);
        }
    }

    /** Every command Hystrix knows (it has run since the last reset) or that is forced, with its group. */
    public static Map<String, String> known() {
        Map<String, String> commands = new TreeMap<>();
        for (HystrixCommandMetrics metrics : HystrixCommandMetrics.getInstances()) {
            commands.put(metrics.getCommandKey().name(), metrics.getCommandGroup().name());
        }
        for (String key : FORCED) {
            commands.putIfAbsent(key, "?");
        }
        return commands;
    }

    /** {@code forced open}, {@code forced closed}, {@code open} or {@code closed}. */
    public static String state(String commandKey) {
        var config = ConfigurationManager.getConfigInstance();
        if (config.getBoolean(property(commandKey, "forceOpen"), false)) {
            return "forced open";
        }
        if (config.getBoolean(property(commandKey, "forceClosed"), false)) {
            return "forced closed";
        }
        HystrixCircuitBreaker breaker = HystrixCircuitBreaker.Factory.getInstance(HystrixCommandKey.Factory.asKey(commandKey));
        return breaker != null && breaker.isOpen() ? "open" : "closed";
    }

    private static String property(String commandKey, String name) {
        return "hystrix.command." + commandKey + ".circuitBreaker." + name;
    }
}
