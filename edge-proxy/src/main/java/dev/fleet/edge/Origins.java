package dev.fleet.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current instances of every origin (VIP = app name), fed by the static table or Consul's passing instances.
 * Static because Ribbon creates {@link EdgeServerList} reflectively, by class name: one edge per JVM.
 */
public final class Origins {
    public record Instance(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private static final Map<String, List<Instance>> INSTANCES = new ConcurrentHashMap<>();
    private static final List<Runnable> LISTENERS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Origins() {
    }

    public static void set(String app, List<Instance> instances) {
        INSTANCES.put(app, List.copyOf(instances));
        LISTENERS.forEach(Runnable::run);
    }

    static void addListener(Runnable r) {
        LISTENERS.add(r);
    }

    static void removeListener(Runnable r) {
        LISTENERS.remove(r);
    }

    public static List<Instance> get(String app) {
        return INSTANCES.getOrDefault(app, List.of());
    }

    public static Map<String, List<Instance>> snapshot() {
        return Map.copyOf(INSTANCES);
    }

    static void clear() {
        INSTANCES.clear();
    }

    /** {@code host:port,host:port} → instances; throws IllegalArgumentException naming a bad entry. */
    public static List<Instance> parse(String app, String list) {
        List<Instance> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (String s : list.split(",")) {
            String e = s.trim();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.lastIndexOf(':');
            try {
                int port = Integer.parseInt(e.substring(colon + 1));
                if (colon <= 0 || port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                out.add(new Instance(e.substring(0, colon), port));
            } catch (RuntimeException ex) {
                throw new IllegalArgumentException("edge.origins." + app + ": '" + e + "' is not host:port");
            }
        }
        return out;
    }
}
