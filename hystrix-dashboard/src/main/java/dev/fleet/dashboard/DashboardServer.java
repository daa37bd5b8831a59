package dev.fleet.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The dashboard app on the JDK server: {@code /} a landing page (the {@code fleet} cluster, each application's
 * cluster, each instance), {@code /hystrix/…} the Netflix UI unpacked at build time, {@code /hystrix/proxy.stream}
 * (where the UI asks; also {@code /proxy.stream}) the allow-listed stream proxy. Errors are
 * {@code {"code","message","errors"}} JSON.
 */
public final class DashboardServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UI = "/hystrix-dashboard-ui";
    private static final Map<String, String> TYPES = Map.of("html", "text/html;charset=UTF-8", "js", "application/javascript",
            "css", "text/css", "png", "image/png", "gif", "image/gif", "txt", "text/plain;charset=UTF-8");
    /** The UI's pages load underscore.js from this CDN; the build unpacks the same file from its WebJar. */
    private static final String UNDERSCORE_CDN = "//cdnjs.cloudflare.com/ajax/libs/underscore.js/1.8.3/underscore-min.js";
    private static final String UNDERSCORE_LOCAL = "/hystrix/vendor/META-INF/resources/webjars/underscorejs/1.8.3/underscore-min.js";

    private final TurbineDirectory turbine;
    private final OriginPolicy policy;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER)   // a redirect must not lead the proxy off the allow-list
            .build();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "dashboard-http");
        thread.setDaemon(true);
        return thread;
    });

    public DashboardServer(URI turbineUrl, Duration refresh, String host, int port) throws IOException {
        this.turbine = new TurbineDirectory(turbineUrl, refresh);
        this.policy = new OriginPolicy(turbine);
        this.server = HttpServer.create(new InetSocketAddress(host, port), 50);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    public DashboardServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")) {
                error(exchange, 405, "only GET is supported", List.of());
            } else if (path.equals("/")) {
                landing(exchange);
            } else if (path.equals("/proxy.stream") || path.equals("/hystrix/proxy.stream")) {
                proxy(exchange);
            } else if (path.equals("/hystrix") || path.equals("/hystrix/")) {
                exchange.getResponseHeaders().set("Location", "/hystrix/index.html");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.startsWith("/hystrix/")) {
                asset(exchange, path.substring("/hystrix".length()));
            } else {
                error(exchange, 404, "no such resource: " + path, List.of("the dashboard is at /"));
            }
        }
    }

    /**
     * The UI sends {@code proxy.stream?origin=<stream URL>} with the URL not encoded (its own query included), so
     * everything after {@code origin=} is the origin.
     */
    private void proxy(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null || !query.startsWith("origin=") || query.length() == "origin=".length()) {
            error(exchange, 400, "the origin parameter is required", List.of("origin: the stream to show, e.g. "
                    + turbine.clusterStream("fleet")));
            return;
        }
        String origin = URLDecoder.decode(query.substring("origin=".length()), StandardCharsets.UTF_8);
        OriginPolicy.Decision decision = policy.check(origin);
        if (!decision.allowed()) {
            error(exchange, 403, "origin not allowed: " + origin, List.of("origin: " + decision.refusal()));
            return;
        }
        HttpResponse<InputStream> upstream;
        try {
            upstream = http.send(HttpRequest.newBuilder(decision.upstream()).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            error(exchange, 502, "cannot reach " + decision.upstream(), List.of("origin: " + e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try (InputStream in = upstream.body()) {
            if (upstream.statusCode() != 200) {
                error(exchange, 502, decision.upstream() + " answered " + upstream.statusCode(), List.of());
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream;charset=UTF-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();   // events as they come
            }
        } catch (IOException browserOrOriginGone) {
            // closing the upstream body ends the origin's stream
        }
    }

    private void asset(HttpExchange exchange, String path) throws IOException {
        if (path.contains("..") || path.contains("//") || path.contains("\\")) {
            error(exchange, 404, "no such resource: /hystrix" + path, List.of());
            return;
        }
        try (InputStream in = DashboardServer.class.getResourceAsStream(UI + path)) {
            if (in == null || path.endsWith("/")) {
                error(exchange, 404, "no such resource: /hystrix" + path, List.of());
                return;
            }
            byte[] bytes = in.readAllBytes();
            if (path.endsWith(".html")) {
                bytes = new String(bytes, StandardCharsets.UTF_8).replace(UNDERSCORE_CDN, UNDERSCORE_LOCAL).getBytes(StandardCharsets.UTF_8);
            }
            String extension = path.substring(path.lastIndexOf('.') + 1);
            exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private void landing(HttpExchange exchange) throws IOException {
        StringBuilder html = new StringBuilder("""
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>Fleet — Hystrix dashboard</title>
                <style>body{font-family:sans-serif;margin:2em} li{margin:.3em 0} code{color:#555}</style></head>
                <body><h1>Fleet circuits</h1>
                """);
        if (!turbine.answered()) {
            html.append("<p><b>Turbine does not answer at ").append(escape(turbine.turbine().toString()))
                    .append("</b> — start it (<code>java -jar turbine/target/turbine.jar</code>).</p>\n");
        }
        html.append("<h2>Clusters (Turbine)</h2>\n<ul>\n");
        for (String cluster : turbine.clusters()) {
            html.append("<li>").append(monitorLink(turbine.clusterStream(cluster), cluster.equals("fleet") ? "fleet — every instance" : cluster))
                    .append("</li>\n");
        }
        html.append("</ul>\n<h2>Instances</h2>\n<ul>\n");
        turbine.instancesByApp().forEach((app, instances) -> {
            html.append("<li>").append(escape(app)).append("<ul>\n");
            instances.forEach(instance -> html.append("<li>").append(monitorLink(instance.stream(), instance.id())).append("</li>\n"));
            html.append("</ul></li>\n");
        });
        html.append("</ul>\n<p><a href=\"/hystrix/index.html\">The Netflix dashboard's own start page</a></p>\n</body></html>\n");
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String monitorLink(URI stream, String title) {
        String href = "/hystrix/monitor/monitor.html?stream=" + URLEncoder.encode(stream.toString(), StandardCharsets.UTF_8)
                + "&title=" + URLEncoder.encode(title, StandardCharsets.UTF_8).replace("+", "%20");
        return "<a href=\"" + escape(href) + "\">" + escape(title) + "</a> <code>" + escape(stream.toString()) + "</code>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void error(HttpExchange exchange, int code, String message, List<String> errors) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("errors", errors);
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
