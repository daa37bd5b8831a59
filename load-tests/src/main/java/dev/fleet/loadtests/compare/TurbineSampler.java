package dev.fleet.loadtests.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reads Turbine's {@code fleet} stream during a run (reconnecting if it drops) and takes a {@link TurbinePoint}
 * every second from the latest message of each command.
 */
final class TurbineSampler implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI stream;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, JsonNode> latest = new ConcurrentHashMap<>();
    private final List<TurbinePoint> points = new ArrayList<>();
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "turbine-sampler");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;

    TurbineSampler(int turbinePort) {
        this.stream = URI.create("http://127.0.0.1:" + turbinePort + "/turbine.stream?cluster=fleet");
        threads.execute(this::read);
        threads.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private void read() {
        while (running) {
            try (Stream<String> lines = http.send(HttpRequest.newBuilder(stream).build(), HttpResponse.BodyHandlers.ofLines()).body()) {
                lines.takeWhile(line -> running).filter(line -> line.startsWith("data:")).forEach(line -> {
                    try {
                        JsonNode message = JSON.readTree(line.substring(5));
                        if ("HystrixCommand".equals(message.path("type").asText())) {
                            latest.put(message.path("name").asText(), message);
                        }
                    } catch (Exception e) {
                        // a ping or a cut line: the next message will do
                    }
                });
            } catch (Exception e) {
                sleep();
            }
        }
    }

    private void sample() {
        long fallbacks = 0;
        long shortCircuited = 0;
        long timeouts = 0;
        long open = 0;
        for (JsonNode command : latest.values()) {
            fallbacks += command.path("rollingCountFallbackSuccess").asLong() + command.path("rollingCountFallbackFailure").asLong();
            shortCircuited += command.path("rollingCountShortCircuited").asLong();
            timeouts += command.path("rollingCountTimeout").asLong();
            open += openCircuits(command.path("isCircuitBreakerOpen"));
        }
        synchronized (points) {
            points.add(new TurbinePoint(System.currentTimeMillis(), fallbacks, shortCircuited, timeouts, open));
        }
    }

    /** Turbine sends the number of hosts with the circuit open, a boolean for one host, or "false:2,true:1" when they differ. */
    static long openCircuits(JsonNode value) {
        if (value.isNumber()) {
            return value.asLong();
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? 1 : 0;
        }
        for (String part : value.asText().split(",")) {
            if (part.startsWith("true:")) {
                return Long.parseLong(part.substring(5).trim());
            }
        }
        return 0;
    }

    List<TurbinePoint> points() {
        synchronized (points) {
            return List.copyOf(points);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        threads.shutdownNow();
    }
}
