package dev.fleet.platform.config;

import dev.fleet.platform.consul.ConsulSettings;
import dev.fleet.platform.testing.TestConsul;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;

import java.net.ServerSocket;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConsulSubstitutorTest {
    private static final String WEIGHT = "weight: ${consul:shared/substitutor-test.weight:-0}";
    private static final String WEIGHT_NO_DEFAULT = "weight: ${consul:shared/substitutor-test.weight}";

    @Test
    void environmentVariablesResolveExactlyAsDropwizardsNonStrictSubstitutor() {
        String yaml = """
                home: ${HOME}
                unset: ${FLEET_SURELY_UNSET_VARIABLE:-fallback}
                unsetNoDefault: ${FLEET_SURELY_UNSET_VARIABLE}
                nested: ${FLEET_SURELY_UNSET_VARIABLE:-${HOME}}
                escaped: $${HOME}
                """;
        assertThat(new ConsulSubstitutor(System::getenv, Optional.empty()).replace(yaml))
                .isEqualTo(new EnvironmentVariableSubstitutor(false).replace(yaml))
                .contains("unset: fallback");
    }

    @Test
    void withoutConsulAReferenceTakesItsDefault() {
        var substitutor = new ConsulSubstitutor(Map.of("FLEET_CONSUL_URL", "none")::get);
        assertThat(substitutor.replace(WEIGHT)).isEqualTo("weight: 0");
    }

    @Test
    void withoutConsulAReferenceWithoutDefaultFailsStartupNamingTheKey() {
        var substitutor = new ConsulSubstitutor(name -> null);
        assertThatThrownBy(() -> substitutor.replace(WEIGHT_NO_DEFAULT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fleet/config/shared/substitutor-test.weight")
                .hasMessageContaining("FLEET_CONSUL_URL is not set");
    }

    @Test
    void anUnreachableConsulFallsBackToTheDefaultAndWithoutOneFailsNamingTheKey() throws Exception {
        URI dead;
        try (ServerSocket socket = new ServerSocket(0)) {
            dead = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        assertThat(new ConsulSubstitutor(name -> null, Optional.of(dead)).replace(WEIGHT)).isEqualTo("weight: 0");
        assertThatThrownBy(() -> new ConsulSubstitutor(name -> null, Optional.of(dead)).replace(WEIGHT_NO_DEFAULT))
                .hasMessageContaining("fleet/config/shared/substitutor-test.weight")
                .hasMessageContaining("unreachable");
    }

    @Test
    @Tag("consul")
    void readsTheKvValueAtStartupAndTheDefaultForAMissingKey() {
        URI agent = TestConsul.url();
        Consul consul = ConsulSettings.client(agent);
        String key = "fleet/config/shared/substitutor-test.weight";
        try {
            consul.keyValueClient().putValue(key, "42");
            var substitutor = new ConsulSubstitutor(name -> name.equals("FLEET_CONSUL_URL") ? agent.toString() : null);
            assertThat(substitutor.replace(WEIGHT + "\nother: ${consul:shared/substitutor-test.missing:-7}"))
                    .isEqualTo("weight: 42\nother: 7");

            consul.keyValueClient().deleteKey(key);
            assertThatThrownBy(() -> new ConsulSubstitutor(name -> null, Optional.of(agent)).replace(WEIGHT_NO_DEFAULT))
                    .hasMessageContaining(key).hasMessageContaining("has no such key");
        } finally {
            consul.keyValueClient().deleteKey(key);
            consul.destroy();
        }
    }
}
