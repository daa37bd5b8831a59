package dev.fleet.turbine;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TurbineConfigTest {

    @Test
    void defaultsFromTheBundledFileAndFleetEnvironmentOverrides() throws Exception {
        TurbineConfig defaults = TurbineConfig.load(null, name -> null);
        assertThat(defaults.host()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isEqualTo(8989);
        assertThat(defaults.consulEnabled()).isFalse();
        assertThat(defaults.instances()).containsEntry("monolith", List.of(URI.create("http://127.0.0.1:9001/hystrix.stream")))
                .containsKeys("catalog-service", "pricing-service", "billing-service", "notification-service");
        assertThat(defaults.instanceTimeout()).isEqualTo(Duration.ofSeconds(5));

        Map<String, String> env = Map.of("FLEET_TURBINE_PORT", "18989", "FLEET_CONSUL_URL", "http://127.0.0.1:8500",
                "FLEET_TURBINE_INSTANCES", "catalog-service=http://10.0.0.1:9011/hystrix.stream,catalog-service=http://10.0.0.2:9011/hystrix.stream",
                "FLEET_TURBINE_INSTANCE_TIMEOUT", "1500ms");
        TurbineConfig set = TurbineConfig.load(null, env::get);
        assertThat(set.port()).isEqualTo(18989);
        assertThat(set.consulEnabled()).isTrue();
        assertThat(set.instances()).containsOnlyKeys("catalog-service");
        assertThat(set.instances().get("catalog-service")).hasSize(2);
        assertThat(set.instanceTimeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void badValuesNameTheSettingAndTheValue() {
        assertThatThrownBy(() -> TurbineConfig.table("monolith"))
                .hasMessageContaining("instances: 'monolith' is not app=http://host:port/hystrix.stream");
        assertThatThrownBy(() -> TurbineConfig.table("monolith=file:/etc/passwd"))
                .hasMessageContaining("'file:/etc/passwd' is not an http:// URL");
        assertThatThrownBy(() -> TurbineConfig.duration("heartbeat", "soon"))
                .hasMessageContaining("heartbeat: 'soon' is not a duration");
    }
}
