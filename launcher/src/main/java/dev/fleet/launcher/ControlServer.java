package dev.fleet.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The running launcher's control port (loopback, a free port written to {@code var/fleet.json}), used by the other
 * {@code ./fleet} commands: {@code GET /state}, {@code POST /down}, {@code POST /stage?name=},
 * {@code POST /kill?app=}, {@code POST /start?app=},
 * {@code POST /restart?broker=&downMillis=}. Errors are {@code {"code","message"}} JSON.
 */
final class ControlServer {
    private final HttpServer server;

    private ControlServer(HttpServer server) {
        this.server = server;
    }

    static ControlServer start(Launcher launcher) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "fleet-control");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/", exchange -> handle(launcher, exchange));
            server.start();
            return new ControlServer(server);
        } catch (IOException e) {
            throw new FleetException("cannot open the launcher's control port: " + e.getMessage(), e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    void stop() {
        server.stop(0);
    }

    private static void handle(Launcher launcher, HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            try {
                if (path.equals("/state") && method.equals("GET")) {
                    send(exchange, 200, State.json(launcher.state()));
                } else if (!method.equals("POST")) {
                    send(exchange, path.equals("/state") ? 405 : 404, error(404, "no " + method + " " + path));
                } else if (path.equals("/down")) {
                    send(exchange, 202, "{\"stopping\":true}");
                    launcher.stopAsync();
                } else if (path.equals("/stage")) {
                    List<String> restarted = launcher.changeStage(Stage.parse(required(query, "name")));
                    send(exchange, 200, State.json(Map.of("stage", query.get("name"), "restarted", restarted)));
                } else if (path.equals("/kill")) {
                    launcher.kill(required(query, "app"));
                    send(exchange, 200, State.json(Map.of("killed", query.get("app"))));
                } else if (path.equals("/start")) {
                    launcher.startAgain(required(query, "app"));
                    send(exchange, 200, State.json(Map.of("started", query.get("app"))));
                } else if (path.equals("/restart")) {
                    launcher.restartBroker(required(query, "broker"), Duration.ofMillis(Long.parseLong(required(query, "downMillis"))));
                    send(exchange, 200, State.json(Map.of("restarted", query.get("broker"))));
                } else {
                    send(exchange, 404, error(404, "no " + method + " " + path));
                }
            } catch (UsageException e) {
                send(exchange, 400, error(400, e.getMessage()));
            } catch (FleetException e) {
                send(exchange, 409, error(409, e.getMessage()));
            } catch (RuntimeException e) {
                send(exchange, 500, error(500, e.toString()));
            }
        }
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("parameter '" + name + "' is required");
        }
        return value;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                values.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    private static String error(int code, String message) {
        return State.json(Map.of("code", code, "message", message));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
