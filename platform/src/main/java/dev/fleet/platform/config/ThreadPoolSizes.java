package dev.fleet.platform.config;

import com.netflix.hystrix.HystrixThreadPoolMetrics;
import com.netflix.hystrix.HystrixThreadPoolProperties;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Applies a live change of a Hystrix thread-pool size without breaking the pool on Java 9+.
 *
 * <p>Hystrix 1.5.18 resizes a pool on its next use with {@code setCorePoolSize(core)} then
 * {@code setMaximumPoolSize(max)}; since Java 9 the first call throws {@link IllegalArgumentException} when the new
 * core size is above the current maximum, so raising {@code coreSize} live made every later command of that pool fail
 * (Netflix/Hystrix#1874, #1897; the fix was never released). Around such a change this raises each affected executor's
 * maximum to the rules' ceiling first (so any resize order is legal), and right after the change sets core and maximum
 * to the new values itself, so the wide maximum lasts only for the change.
 */
final class ThreadPoolSizes {
    private static final int CEILING = 1_000; // HystrixPropertyRules: coreSize and maximumSize ≤ 1000

    private ThreadPoolSizes() {
    }

    /** Runs {@code change} (setting or clearing {@code property}), resizing affected pools safely around it. */
    static synchronized void change(String property, Runnable change) {
        List<HystrixThreadPoolMetrics> pools = affected(property);
        if (pools.isEmpty()) {
            change.run();
            return;
        }
        for (HystrixThreadPoolMetrics pool : pools) {
            ThreadPoolExecutor executor = pool.getThreadPool();
            if (executor.getMaximumPoolSize() < CEILING) {
                executor.setMaximumPoolSize(CEILING);
            }
        }
        try {
            change.run();
        } finally {
            for (HystrixThreadPoolMetrics pool : pools) {
                resize(pool.getThreadPool(), pool.getProperties());
            }
        }
    }

    /** Core and maximum as Hystrix computes them, in an order legal from a maximum of {@link #CEILING}. */
    private static void resize(ThreadPoolExecutor executor, HystrixThreadPoolProperties properties) {
        int core = properties.coreSize().get();
        int maximum = properties.getAllowMaximumSizeToDivergeFromCoreSize().get()
                ? Math.max(core, properties.maximumSize().get()) : core;
        executor.setCorePoolSize(core);
        executor.setMaximumPoolSize(maximum);
    }

    /** The running pools a size property names ({@code default}: all of them). */
    private static List<HystrixThreadPoolMetrics> affected(String property) {
        if (!property.startsWith(HystrixPropertyRules.THREAD_POOL)
                || !(property.endsWith(".coreSize") || property.endsWith(".maximumSize")
                || property.endsWith(".allowMaximumSizeToDivergeFromCoreSize"))) {
            return List.of();
        }
        String rest = property.substring(HystrixPropertyRules.THREAD_POOL.length());
        String key = rest.substring(0, rest.lastIndexOf('.'));
        List<HystrixThreadPoolMetrics> pools = new ArrayList<>();
        for (HystrixThreadPoolMetrics pool : HystrixThreadPoolMetrics.getInstances()) {
            if (key.equals("default") || key.equals(pool.getThreadPoolKey().name())) {
                pools.add(pool);
            }
        }
        return pools;
    }
}
