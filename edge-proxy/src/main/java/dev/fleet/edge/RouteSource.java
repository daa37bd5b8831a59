package dev.fleet.edge;

import com.netflix.spectator.api.Counter;
import com.netflix.spectator.api.Registry;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live route table. Sources, highest first: Consul KV {@code fleet/config/edge-proxy/}, Consul KV
 * {@code fleet/config/shared/}, the routes file, the {@code route.*} defaults of the startup settings. Any change
 * rebuilds the merged table; an invalid one is logged, counted ({@code edge.routes.rejected}) and ignored.
 */
public final class RouteSource {
    private static final Logger LOG = LoggerFactory.getLogger(RouteSource.class);

    private final Map<String, String> defaults;
    private volatile Map<String, String> file = Map.of();
    private volatile Map<String, String> consulShared = Map.of();
    private volatile Map<String, String> consulEdge = Map.of();
    private final AtomicReference<RouteTable> current = new AtomicReference<>();
    private final Counter rejected;
    private final Counter applied;
    private volatile String lastError;

    public RouteSource(Map<String, String> defaults, Registry registry) {
        this.defaults = Map.copyOf(defaults);
        this.rejected = registry.counter("edge.routes.rejected");
        this.applied = registry.counter("edge.routes.applied");
        current.set(RouteTable.parse(defaults)); // the startup table must be valid: fail fast
    }

    public RouteTable table() {
        return current.get();
    }

    public String lastError() {
        return lastError;
    }

    public void fileChanged(Map<String, String> props) {
        file = routeKeys(props);
        rebuild("file");
    }

    public void consulChanged(boolean shared, Map<String, String> props) {
        if (shared) {
            consulShared = routeKeys(props);
        } else {
            consulEdge = routeKeys(props);
        }
        rebuild(shared ? "consul fleet/config/shared" : "consul fleet/config/edge-proxy");
    }

    private synchronized void rebuild(String source) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        // key by key: `route.cars.weight` in KV overrides just the weight; `route.cars.service=monolith` drops the service
        for (Map<String, String> layer : java.util.List.of(file, consulShared, consulEdge)) {
            merged.putAll(layer);
        }
        try {
            RouteTable t = RouteTable.parse(merged);
            RouteTable old = current.getAndSet(t);
            lastError = null;
            if (!t.routes().equals(old.routes())) {
                applied.increment();
                LOG.info("route table from {} applied: {}", source, t.routes());
            }
        } catch (IllegalArgumentException e) {
            rejected.increment();
            lastError = e.getMessage();
            LOG.warn("route table from {} rejected, keeping the last good one: {}", source, e.getMessage());
        }
    }

    private static Map<String, String> routeKeys(Map<String, String> props) {
        Map<String, String> m = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            if (k.startsWith("route.") && k.split("\\.").length >= 2) {
                m.put(k, v == null ? "" : v.trim());
            }
        });
        return m;
    }

    /** Reads a routes file; a missing file is empty (it may appear later). */
    public static Map<String, String> readFile(Path path) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(path)) {
            Properties p = new Properties();
            p.load(r);
            p.forEach((k, v) -> m.put(k.toString(), v.toString()));
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        return m;
    }
}
