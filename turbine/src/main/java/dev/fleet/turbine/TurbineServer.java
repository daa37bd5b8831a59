package dev.fleet.turbine;

import com.netflix.turbine.internal.JsonUtility;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import rx.Subscription;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Turbine's HTTP side on the JDK server (turbine-core's own RxNetty server binds every interface):
 * {@code GET /turbine.stream?cluster=<name>} (SSE, {@code ping:} after {@code heartbeat} without data),
 * {@code GET /clusters}, {@code GET /instances} (app, id, stream of each instance read); errors are {@code {"code","message","errors"}} JSON.
 */
public final class TurbineServer implements AutoCloseable {
    private static final byte[] PING = "ping: \n\n".getBytes(StandardCharsets.UTF_8);
    /** Messages waiting for a slow watcher; beyond that they are dropped for that watcher only. */
    private static final int QUEUE = 10_000;

    private final ClusterStreams clusters;
    private final Duration heartbeat;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "turbine-http");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    public TurbineServer(ClusterStreams clusters, String host, int port, Duration heartbeat) throws IOException {
        this.clusters = clusters;
        this.heartbeat = heartbeat;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    public TurbineServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        stopping = true;
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                error(exchange, 405, "only GET is supported", List.of());
            } else if (path.equals("/turbine.stream")) {
                stream(exchange);
            } else if (path.equals("/clusters")) {
                json(exchange, 200, Map.of("clusters", List.copyOf(clusters.clusters())));
            } else if (path.equals("/instances")) {
                // what the dashboard's proxy may reach besides Turbine itself
                json(exchange, 200, Map.of("instances", clusters.instances().stream()
                        .map(i -> Map.of("app", i.app(), "id", i.id(), "stream", i.stream().toString())).toList()));
            } else {
                error(exchange, 404, "no such resource: " + path, List.of("try /turbine.stream?cluster=" + ClusterStreams.ALL));
            }
        }
    }

    private void stream(HttpExchange exchange) throws IOException {
        String cluster = query(exchange, "cluster");
        if (cluster == null || cluster.isBlank()) {
            error(exchange, 400, "the cluster parameter is required",
                    List.of("cluster: one of " + clusters.clusters()));
            return;
        }
        Optional<rx.Observable<Map<String, Object>>> stream = clusters.stream(cluster);
        if (stream.isEmpty()) {
            error(exchange, 404, "unknown cluster: " + cluster, List.of("cluster: one of " + clusters.clusters()));
            return;
        }
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
        Subscription subscription = stream.get().subscribe(message -> queue.offer(JsonUtility.mapToJson(message)));
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream;charset=UTF-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            out.write(PING);   // headers and a first event at once: clients know the stream is up
            out.flush();
            while (!stopping) {
                String json = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (json == null) {
                    out.write(PING);
                } else {
                    StringBuilder events = new StringBuilder("data: ").append(json).append("\n\n");
                    for (String more = queue.poll(); more != null; more = queue.poll()) {
                        events.append("data: ").append(more).append("\n\n");
                    }
                    out.write(events.toString().getBytes(StandardCharsets.UTF_8));
                }
                out.flush();
            }
        } catch (IOException | InterruptedException watcherLeft) {
            // the client went away (or we stop): stop reading for it
        } finally {
            subscription.unsubscribe();
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void error(HttpExchange exchange, int code, String message, List<String> errors) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("errors", errors);
        json(exchange, code, body);
    }

    private static void json(HttpExchange exchange, int code, Map<String, ?> body) throws IOException {
        byte[] bytes = JsonUtility.mapToJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
