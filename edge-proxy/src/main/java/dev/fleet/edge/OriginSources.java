package dev.fleet.edge;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.cache.KVCache;
import org.kiwiproject.consul.cache.ServiceHealthCache;
import org.kiwiproject.consul.model.health.Service;
import org.kiwiproject.consul.option.QueryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the edge's live inputs: origin instances (static table, or Consul passing instances watched per app) and
 * route overrides (the routes file, polled; Consul KV {@code fleet/config/edge-proxy/} and {@code fleet/config/shared/}).
 */
final class OriginSources {
    private static final Logger LOG = LoggerFactory.getLogger(OriginSources.class);

    private OriginSources() {
    }

    static void start(EdgeSettings settings, RouteSource routes, List<AutoCloseable> closeables) {
        Origins.clear();
        String consulUrl = settings.get("edge.consulUrl");
        if (consulUrl == null) {
            for (String app : EdgeSettings.APPS) {
                Origins.set(app, Origins.parse(app, settings.get("edge.origins." + app)));
            }
        } else {
            Consul consul = Consul.builder().withUrl(consulUrl).withReadTimeoutMillis(20_000).build();
            closeables.add(consul::destroy);
            for (String app : EdgeSettings.APPS) {
                ServiceHealthCache cache = ServiceHealthCache.newCache(consul.healthClient(), app, true,
                        QueryOptions.BLANK, 10);
                cache.addListener(all -> {
                    List<Origins.Instance> up = all.values().stream().map(h -> {
                        Service s = h.getService();
                        String host = s.getAddress() == null || s.getAddress().isBlank()
                                ? h.getNode().getAddress() : s.getAddress();
                        return new Origins.Instance(host, s.getPort());
                    }).toList();
                    Origins.set(app, up);
                    LOG.info("origin {}: {} passing instance(s) {}", app, up.size(), up);
                });
                cache.start();
                closeables.add(cache::stop);
            }
            for (boolean shared : new boolean[] {true, false}) {
                String root = shared ? "fleet/config/shared" : "fleet/config/edge-proxy";
                KVCache kv = KVCache.newCache(consul.keyValueClient(), root, 10);
                kv.addListener(values -> {
                    Map<String, String> props = new LinkedHashMap<>();
                    values.forEach((k, v) -> {
                        String key = v.getKey().substring(Math.min(v.getKey().length(), root.length() + 1));
                        if (!key.isEmpty() && !key.contains("/")) { // folders and nested keys are ignored
                            props.put(key, v.getValueAsString().orElse(""));
                        }
                    });
                    routes.consulChanged(shared, props);
                });
                kv.start();
                closeables.add(kv::stop);
            }
        }
        String file = settings.get("edge.routesFile");
        if (file != null) {
            Path path = Path.of(file);
            ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "edge-routes-file");
                t.setDaemon(true);
                return t;
            });
            FileTime[] seen = {null};
            Runnable check = () -> {
                try {
                    FileTime t = Files.exists(path) ? Files.getLastModifiedTime(path) : FileTime.fromMillis(0);
                    if (!t.equals(seen[0])) {
                        seen[0] = t;
                        routes.fileChanged(RouteSource.readFile(path));
                    }
                } catch (Exception e) {
                    LOG.warn("routes file {}: {}", path, e.toString());
                }
            };
            check.run();
            long every = settings.getLong("edge.routesReloadMs", 1000);
            poller.scheduleWithFixedDelay(check, every, every, TimeUnit.MILLISECONDS);
            closeables.add(poller::shutdownNow);
        }
    }
}
