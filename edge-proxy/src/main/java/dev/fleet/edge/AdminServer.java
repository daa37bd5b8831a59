package dev.fleet.edge;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.netflix.spectator.api.Measurement;
import com.netflix.spectator.api.Meter;
import com.netflix.spectator.api.Registry;
import com.netflix.spectator.api.Tag;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** The edge's admin port (loopback by default): /health, /routes (JSON), /metrics (Prometheus text). */
final class AdminServer {
    private final HttpServer http;
    private final RouteSource routes;
    private final Registry registry;

    AdminServer(String bind, int port, RouteSource routes, Registry registry) throws IOException {
        this.http = HttpServer.create(new InetSocketAddress(bind, port), 0);
        this.routes = routes;
        this.registry = registry;
        http.createContext("/", this::handle);
    }

    AdminServer start() {
        http.start();
        return this;
    }

    int port() {
        return http.getAddress().getPort();
    }

    void stop() {
        http.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("GET")) {
                send(ex, 405, "application/json", EdgeState.errorJson(405, "only GET", null));
            } else if (path.equals("/health")) {
                send(ex, 200, "application/json", "{\"status\":\"UP\"}");
            } else if (path.equals("/routes")) {
                send(ex, 200, "application/json", routesJson());
            } else if (path.equals("/metrics")) {
                send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", prometheus(registry));
            } else {
                send(ex, 404, "application/json", EdgeState.errorJson(404, "not found: " + path, null));
            }
        }
    }

    private String routesJson() {
        ObjectNode root = EdgeState.JSON.createObjectNode();
        ArrayNode rs = root.putArray("routes");
        for (RouteTable.Route r : routes.table().routes()) {
            ObjectNode n = rs.addObject();
            n.put("name", r.name());
            n.put("prefix", r.prefix());
            n.put("service", r.service());
            n.put("weight", r.weight());
        }
        root.put("lastRejected", routes.lastError());
        ObjectNode origins = root.putObject("origins");
        new TreeMap<>(Origins.snapshot()).forEach((app, list) -> {
            ArrayNode a = origins.putArray(app);
            list.forEach(i -> a.add(i.toString()));
        });
        return root.toString();
    }

    /** Every Spectator measurement as an untyped Prometheus sample (names sanitised, tags as labels). */
    static String prometheus(Registry registry) {
        Map<String, StringBuilder> byName = new TreeMap<>();
        for (Meter m : registry) {
            for (Measurement ms : m.measure()) {
                String name = ms.id().name().replaceAll("[^a-zA-Z0-9_:]", "_");
                StringBuilder labels = new StringBuilder();
                for (Tag t : ms.id().tags()) {
                    labels.append(labels.length() == 0 ? "" : ",")
                            .append(t.key().replaceAll("[^a-zA-Z0-9_]", "_")).append("=\"")
                            .append(t.value().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                            .append('"');
                }
                byName.computeIfAbsent(name, n -> new StringBuilder("# TYPE " + n + " untyped\n"))
                        .append(name).append(labels.length() == 0 ? "" : "{" + labels + "}")
                        .append(' ').append(Double.isNaN(ms.value()) ? "NaN" : Double.toString(ms.value()))
                        .append('\n');
            }
        }
        StringBuilder out = new StringBuilder();
        byName.values().forEach(out::append);
        return out.toString();
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}
