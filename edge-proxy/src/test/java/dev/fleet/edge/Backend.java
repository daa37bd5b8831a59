package dev.fleet.edge;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP origin for edge tests: answers every request with its own name (JSON) and remembers the headers. */
final class Backend implements AutoCloseable {
    final String name;
    final AtomicInteger requests = new AtomicInteger();
    /** Body sizes of the requests received, in order. */
    final ConcurrentLinkedQueue<Integer> seenBodyBytes = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Map<String, List<String>>> seenHeaders = new ConcurrentLinkedQueue<>();
    private static final java.util.regex.Pattern ERROR_PATH = java.util.regex.Pattern.compile("/status/(5\\d\\d)$");
    private final HttpServer http;

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else Nagle + delayed ACK add 40 ms per request
    }

    Backend(String name) throws IOException {
        this.name = name;
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            try (ex; InputStream in = ex.getRequestBody()) {
                seenBodyBytes.add(in.readAllBytes().length);
                requests.incrementAndGet();
                seenHeaders.add(Map.copyOf(ex.getRequestHeaders()));
                byte[] body = ("{\"app\":\"" + name + "\",\"path\":\"" + ex.getRequestURI().getRawPath() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/json");
                ex.getResponseHeaders().set("X-Zuul-Internal-Looking", "x");
                ex.getResponseHeaders().set("X-Fleet-Internal-Secret", "s");
                // a path ending in /status/<code> answers that error status, as an app does when a dependency fails
                java.util.regex.Matcher error = ERROR_PATH.matcher(ex.getRequestURI().getRawPath());
                if (error.find()) {
                    body = ("{\"code\":" + error.group(1) + ",\"message\":\"from " + name + "\"}").getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("Retry-After", "7");
                    ex.sendResponseHeaders(Integer.parseInt(error.group(1)), body.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(body);
                    }
                    return;
                }
                ex.sendResponseHeaders(ex.getRequestMethod().equals("POST") ? 201 : 200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        http.start();
    }

    String address() {
        return "127.0.0.1:" + http.getAddress().getPort();
    }

    Map<String, List<String>> lastHeaders() {
        Map<String, List<String>> last = null;
        for (Map<String, List<String>> h : seenHeaders) {
            last = h;
        }
        return last;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
