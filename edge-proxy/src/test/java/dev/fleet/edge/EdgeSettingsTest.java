package dev.fleet.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings precedence: edge.properties < FLEET_EDGE_CONFIG file < FLEET_EDGE_* env < overrides. */
class EdgeSettingsTest {
    @Test
    void envNamesAreUpperSnakeWithoutTheEdgePrefix() {
        assertThat(EdgeSettings.envName("edge.adminPort")).isEqualTo("FLEET_EDGE_ADMIN_PORT");
        assertThat(EdgeSettings.envName("edge.rateLimit.capacity")).isEqualTo("FLEET_EDGE_RATE_LIMIT_CAPACITY");
        assertThat(EdgeSettings.envName("edge.origins.catalog-service")).isEqualTo("FLEET_EDGE_ORIGINS_CATALOG_SERVICE");
        assertThat(EdgeSettings.envName("route.cars.weight")).isEqualTo("FLEET_EDGE_ROUTE_CARS_WEIGHT");
    }

    @Test
    void laterSourcesWin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("edge.properties");
        Files.writeString(file, "edge.port=7000\nedge.adminPort=7001\nedge.readTimeoutMs=5\n");
        EdgeSettings s = EdgeSettings.load(Map.of("FLEET_EDGE_CONFIG", file.toString(), "FLEET_EDGE_ADMIN_PORT",
                "7101", "FLEET_CONSUL_URL", "http://127.0.0.1:8500"), Map.of("edge.readTimeoutMs", "9"));
        assertThat(s.getInt("edge.port", 0)).isEqualTo(7000);
        assertThat(s.getInt("edge.adminPort", 0)).isEqualTo(7101);
        assertThat(s.getInt("edge.readTimeoutMs", 0)).isEqualTo(9);
        assertThat(s.get("edge.consulUrl")).isEqualTo("http://127.0.0.1:8500");
        assertThat(s.get("edge.origins.monolith")).isEqualTo("127.0.0.1:9000");
        assertThat(EdgeSettings.load(Map.of(), Map.of()).get("edge.consulUrl")).isNull(); // "none"
    }

    @Test
    void badValuesAreNamed() {
        EdgeSettings s = EdgeSettings.load(Map.of("FLEET_EDGE_PORT", "eighty"), Map.of());
        assertThatThrownBy(() -> s.getInt("edge.port", 0)).hasMessageContaining("edge.port");
        assertThatThrownBy(() -> Origins.parse("monolith", "localhost")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> new EdgeState(EdgeSettings.load(Map.of(), Map.of("edge.apiKeyHashes", "abc")),
                null, new com.netflix.spectator.api.DefaultRegistry())).hasMessageContaining("SHA-256");
    }
}
