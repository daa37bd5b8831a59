package dev.fleet.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Turbine knows: its clusters ({@code /clusters}) and the instance streams it reads ({@code /instances}, from
 * Consul or its static table). Asked at most every {@code refresh}; when Turbine does not answer, the last answer
 * stays (and nothing before the first).
 */
final class TurbineDirectory {
    /** An instance stream Turbine reads. */
    record InstanceStream(String app, String id, URI stream) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI turbine;
    private final Duration refresh;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private List<String> clusters = List.of("fleet");
    private List<InstanceStream> instances = List.of();
    private long fetchedAt;
    private boolean answered;

    TurbineDirectory(URI turbine, Duration refresh) {
        this.turbine = turbine;
        this.refresh = refresh;
    }

    URI turbine() {
        return turbine;
    }

    /** The aggregated stream of {@code cluster}. */
    URI clusterStream(String cluster) {
        return turbine.resolve("/turbine.stream?cluster=" + cluster);
    }

    synchronized List<String> clusters() {
        refreshIfOld();
        return clusters;
    }

    synchronized List<InstanceStream> instances() {
        refreshIfOld();
        return instances;
    }

    /** Whether Turbine has ever answered. */
    synchronized boolean answered() {
        refreshIfOld();
        return answered;
    }

    private void refreshIfOld() {
        if (answered && System.nanoTime() - fetchedAt < refresh.toNanos()) {
            return;
        }
        try {
            List<String> newClusters = new ArrayList<>();
            get("/clusters").path("clusters").forEach(node -> newClusters.add(node.asText()));
            List<InstanceStream> newInstances = new ArrayList<>();
            for (JsonNode node : get("/instances").path("instances")) {
                newInstances.add(new InstanceStream(node.path("app").asText(), node.path("id").asText(),
                        URI.create(node.path("stream").asText())));
            }
            clusters = List.copyOf(newClusters);
            instances = List.copyOf(newInstances);
            answered = true;
        } catch (Exception e) {
            // Turbine down or restarting: keep the last answer
        }
        fetchedAt = System.nanoTime();
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(turbine.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** Instances per application, for the landing page. */
    Map<String, List<InstanceStream>> instancesByApp() {
        Map<String, List<InstanceStream>> byApp = new LinkedHashMap<>();
        instances().forEach(instance -> byApp.computeIfAbsent(instance.app(), app -> new ArrayList<>()).add(instance));
        return byApp;
    }
}
