package dev.fleet.edge;

import java.util.Map;

/** {@code java -jar edge-proxy/target/edge-proxy.jar}: settings from edge.properties + FLEET_EDGE_* (docs/edge.md). */
public final class EdgeMain {
    private EdgeMain() {
    }

    public static void main(String[] args) throws Exception {
        EdgeServer edge = new EdgeServer(EdgeSettings.load(System.getenv(), Map.of())).start();
        Runtime.getRuntime().addShutdownHook(new Thread(edge::close, "edge-shutdown"));
        Thread.currentThread().join();
    }
}
