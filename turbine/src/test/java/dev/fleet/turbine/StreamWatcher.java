package dev.fleet.turbine;

import com.netflix.turbine.internal.JsonUtility;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/** Reads an SSE stream on a thread and keeps the latest message per type/name, the number of events and pings. */
public final class StreamWatcher implements AutoCloseable {
    public final Map<String, Map<String, Object>> latest = new ConcurrentHashMap<>();
    public final AtomicLong events = new AtomicLong();
    public final AtomicLong pings = new AtomicLong();
    private final HttpURLConnection connection;
    private final Thread thread;

    public StreamWatcher(URI uri) throws IOException {
        connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setReadTimeout(30_000);
        if (connection.getResponseCode() != 200) {
            throw new IllegalStateException(uri + " answered " + connection.getResponseCode());
        }
        thread = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("ping:")) {
                        pings.incrementAndGet();
                    } else if (line.startsWith("data:")) {
                        Map<String, Object> message = JsonUtility.jsonToMap(line.substring(5).trim());
                        latest.put(message.get("type") + "/" + message.get("name"), message);
                        events.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }, "stream-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    public Map<String, Object> command(String name) {
        return latest.get("HystrixCommand/" + name);
    }

    public long number(String command, String field) {
        Map<String, Object> message = command(command);
        Object value = message == null ? null : message.get(field);
        return value instanceof Number n ? n.longValue() : -1;
    }

    @Override
    public void close() {
        connection.disconnect();
        thread.interrupt();
    }

    /** Polls {@code condition} every 50 ms until true, else fails with {@code what}. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
