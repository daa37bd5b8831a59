package dev.fleet.turbine;

import com.netflix.turbine.aggregator.AggregateString;
import com.netflix.turbine.aggregator.InstanceKey;
import com.netflix.turbine.aggregator.StreamAggregator;
import rx.Observable;
import rx.Subscriber;
import rx.observables.GroupedObservable;
import rx.observers.SerializedSubscriber;
import rx.subscriptions.Subscriptions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The aggregated stream of each cluster: {@value #ALL} (every instance) and one per application. A cluster's
 * instances are read only while someone watches it (one shared aggregation per cluster, however many watchers).
 */
public final class ClusterStreams {
    public static final String ALL = "fleet";

    private final Instances instances;
    private final Duration instanceTimeout;
    private final Duration reconnectDelay;
    private final Map<String, Observable<Map<String, Object>>> streams = new ConcurrentHashMap<>();

    public ClusterStreams(Instances instances, Duration instanceTimeout, Duration reconnectDelay) {
        this.instances = instances;
        this.instanceTimeout = instanceTimeout;
        this.reconnectDelay = reconnectDelay;
    }

    /** The instances read right now (whether or not anyone watches). */
    public List<Instance> instances() {
        return instances.current();
    }

    /** {@value #ALL} plus every application seen so far. */
    public Set<String> clusters() {
        Set<String> clusters = new java.util.TreeSet<>(instances.applications());
        clusters.add(ALL);
        return clusters;
    }

    /** The cluster's aggregated messages (one per command or thread pool update), or empty for an unknown cluster. */
    public Optional<Observable<Map<String, Object>>> stream(String cluster) {
        if (!clusters().contains(cluster)) {
            return Optional.empty();
        }
        return Optional.of(streams.computeIfAbsent(cluster, name -> StreamAggregator.aggregateGroupedStreams(sessions(name))
                // copy each state right where turbine's scan emits it: the scan keeps mutating that one map
                .flatMap(command -> command.map(ClusterStreams::forDashboard))
                .filter(message -> message != null)
                .onBackpressureDrop()
                .publish()
                .refCount()));
    }

    /** Every session of every member instance while subscribed; instances joining or leaving are followed. */
    private Observable<GroupedObservable<InstanceKey, Map<String, Object>>> sessions(String cluster) {
        return Observable.create((Subscriber<? super GroupedObservable<InstanceKey, Map<String, Object>>> subscriber) -> {
            Subscriber<GroupedObservable<InstanceKey, Map<String, Object>>> out = new SerializedSubscriber<>(subscriber);
            Map<String, InstanceReader> readers = new ConcurrentHashMap<>();
            Runnable unlisten = instances.listen(new Instances.Listener() {
                @Override
                public void added(Instance instance) {
                    if (ALL.equals(cluster) || instance.app().equals(cluster)) {
                        InstanceReader old = readers.put(instance.id(),
                                new InstanceReader(instance, out::onNext, instanceTimeout, reconnectDelay).start());
                        if (old != null) {
                            old.stop();
                        }
                    }
                }

                @Override
                public void removed(Instance instance) {
                    InstanceReader reader = readers.remove(instance.id());
                    if (reader != null) {
                        reader.stop();
                    }
                }
            });
            subscriber.add(Subscriptions.create(() -> {
                unlisten.run();
                List.copyOf(readers.values()).forEach(InstanceReader::stop);
                readers.clear();
            }));
        });
    }

    /**
     * A copy of turbine's aggregate in the shape the dashboard (1.5.18) reads. turbine-core keeps non-counter values
     * as {@link AggregateString}s (value → how many instances); the dashboard wants:
     * <ul>
     *   <li>{@code isCircuitBreakerOpen}: the number of instances whose circuit is open (it shows "Open" when that
     *       equals {@code reportingHosts}, "Closed" at 0), or Turbine 1's {@code "true:1,false:2"} when they differ;</li>
     *   <li>other values all instances agree on as JSON literals ({@code propertyValue_circuitBreakerForceOpen} must
     *       be {@code false}, not the truthy string {@code "false"});</li>
     *   <li>numbers (counts, latency means and percentiles) as turbine-core sums them: the dashboard divides what
     *       it shows per host by {@code reportingHosts};</li>
     *   <li>the two thread-pool properties it divides by {@code reportingHosts} multiplied by it;</li>
     *   <li>values of instances already dropped (null) left out.</li>
     * </ul>
     * Nothing for a command or pool no instance reports any more.
     */
    static Map<String, Object> forDashboard(Map<String, Object> aggregate) {
        Object hostsValue = aggregate.get("reportingHosts");
        long hosts = hostsValue instanceof Number number ? number.longValue() : 1;
        if (hosts <= 0) {
            return null;
        }
        boolean threadPool = "HystrixThreadPool".equals(literal(aggregate.get("type")));
        Map<String, Object> copy = new LinkedHashMap<>();
        aggregate.forEach((key, value) -> {
            if (key.equals("instanceId") || key.equals("InstanceKey")) {
                return;
            }
            if (!(value instanceof AggregateString strings)) {
                copy.put(key, value);
                return;
            }
            Map<String, Integer> counts = new java.util.TreeMap<>(strings.values());
            counts.remove("null");
            counts.values().removeIf(count -> count <= 0);
            if (counts.isEmpty()) {
                return;
            }
            if (key.equals("isCircuitBreakerOpen") && counts.size() == 1) {
                copy.put(key, counts.containsKey("true") ? counts.get("true") : 0);
            } else if (counts.size() == 1) {
                Object single = literal(counts.keySet().iterator().next());
                if (threadPool && single instanceof Long number && (key.equals("propertyValue_queueSizeRejectionThreshold")
                        || key.equals("propertyValue_metricsRollingStatisticalWindowInMilliseconds"))) {
                    single = number * hosts;
                }
                copy.put(key, single);
            } else {
                copy.put(key, counts.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                        .collect(Collectors.joining(",")));
            }
        });
        return copy;
    }

    /** {@code "true"} → true, {@code "12"} → 12, else the string (an AggregateString: its single value). */
    private static Object literal(Object value) {
        if (value instanceof AggregateString strings) {
            return strings.values().size() == 1 ? strings.values().keySet().iterator().next() : null;
        }
        if (!(value instanceof String text)) {
            return value;
        }
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        if (text.matches("-?\\d{1,18}")) {
            return Long.valueOf(text);
        }
        if (text.matches("-?\\d+\\.\\d+")) {
            return Double.valueOf(text);
        }
        return text;
    }
}
