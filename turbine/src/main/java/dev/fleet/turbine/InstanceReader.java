package dev.fleet.turbine;

import com.netflix.turbine.aggregator.InstanceKey;
import com.netflix.turbine.internal.JsonUtility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rx.observables.GroupedObservable;
import rx.subjects.PublishSubject;
import rx.subjects.Subject;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads one instance's {@code hystrix.stream} on its own thread, for one cluster, and hands every connection
 * ("session") to the aggregator as a group of messages keyed by a unique session key.
 *
 * <p>turbine-core sums per-instance <em>deltas</em> and never takes back what a finished instance contributed. So
 * when a session ends — connection refused or reset, nothing (not even a {@code ping:}) within
 * {@code instanceTimeout}, the instance removed, or nobody watching any more — this reader first sends, per
 * command and thread pool, a "retraction": the last message with every counter at 0 and every other value null.
 * Its delta subtracts exactly what the instance added, so the cluster sums (and {@code reportingHosts}) drop it.
 * Then it reconnects after {@code reconnectDelay} unless it was stopped.
 */
final class InstanceReader {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceReader.class);
    /** Kept as they are in a retraction: the aggregator groups by type and name. */
    private static final java.util.Set<String> IDENTITY = java.util.Set.of("type", "name", "instanceId", "currentTime");

    private final Instance instance;
    private final Consumer<GroupedObservable<InstanceKey, Map<String, Object>>> sessions;
    private final Duration instanceTimeout;
    private final Duration reconnectDelay;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile HttpURLConnection connection;
    private int session;

    InstanceReader(Instance instance, Consumer<GroupedObservable<InstanceKey, Map<String, Object>>> sessions,
                   Duration instanceTimeout, Duration reconnectDelay) {
        this.instance = instance;
        this.sessions = sessions;
        this.instanceTimeout = instanceTimeout;
        this.reconnectDelay = reconnectDelay;
        this.thread = new Thread(this::run, "turbine-read-" + instance.id());
        this.thread.setDaemon(true);
    }

    InstanceReader start() {
        thread.start();
        return this;
    }

    /** Ends the current session (with its retraction) and does not reconnect. */
    void stop() {
        stopped = true;
        HttpURLConnection current = connection;
        if (current != null) {
            current.disconnect();   // unblocks the read
        }
        thread.interrupt();
    }

    private void run() {
        boolean failedBefore = false;
        while (!stopped) {
            String key = instance.id() + "#" + (++session);
            Map<String, Map<String, Object>> last = new LinkedHashMap<>();
            Subject<Map<String, Object>, Map<String, Object>> messages = null;
            try {
                HttpURLConnection http = (HttpURLConnection) instance.stream().toURL().openConnection();
                connection = http;
                http.setConnectTimeout((int) instanceTimeout.toMillis());
                http.setReadTimeout((int) instanceTimeout.toMillis());   // silence this long = the instance is gone
                http.setRequestProperty("Accept", "text/event-stream");
                if (http.getResponseCode() != 200) {
                    throw new IOException("HTTP " + http.getResponseCode());
                }
                if (failedBefore) {
                    LOG.info("{}: reading {} again", instance.id(), instance.stream());
                    failedBefore = false;
                }
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(http.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while (!stopped && (line = lines.readLine()) != null) {
                        if (!line.startsWith("data:")) {
                            continue;   // ping:, blank separators
                        }
                        Map<String, Object> message = JsonUtility.jsonToMap(line.substring(5).trim());
                        if (message.get("type") == null || message.get("name") == null) {
                            continue;
                        }
                        message.put("instanceId", key);
                        if (messages == null) {
                            messages = PublishSubject.<Map<String, Object>>create().toSerialized();
                            sessions.accept(GroupedObservable.from(InstanceKey.create(key), messages));
                        }
                        last.put(message.get("type") + "/" + message.get("name"), message);
                        messages.onNext(message);
                    }
                }
                if (!stopped) {
                    LOG.warn("{}: {} ended", instance.id(), instance.stream());
                    failedBefore = true;
                }
            } catch (IOException | RuntimeException e) {
                if (!stopped && !failedBefore) {
                    LOG.warn("{}: cannot read {} ({}); dropped until it answers", instance.id(), instance.stream(), e.toString());
                }
                failedBefore = true;
            } finally {
                connection = null;
                if (messages != null) {
                    for (Map<String, Object> message : last.values()) {
                        messages.onNext(retraction(message));
                    }
                    messages.onCompleted();
                }
            }
            if (!stopped) {
                try {
                    Thread.sleep(reconnectDelay.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** {@code message} with counters (and latency maps) at 0 and every other value null: the delta takes it all back. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> retraction(Map<String, Object> message) {
        Map<String, Object> zero = new LinkedHashMap<>();
        message.forEach((name, value) -> {
            if (IDENTITY.contains(name)) {
                zero.put(name, value);
            } else if (value instanceof Number && !name.startsWith("propertyValue_")) {
                zero.put(name, 0L);
            } else if (value instanceof Map) {
                Map<String, Object> zeros = new LinkedHashMap<>();
                ((Map<String, Object>) value).keySet().forEach(k -> zeros.put(k, 0L));
                zero.put(name, zeros);
            } else {
                zero.put(name, null);
            }
        });
        return zero;
    }
}
