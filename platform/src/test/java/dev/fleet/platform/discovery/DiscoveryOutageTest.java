package dev.fleet.platform.discovery;

import com.codahale.metrics.health.HealthCheck;
import dev.fleet.platform.remote.Circuits;
import dev.fleet.platform.testing.Poll;
import dev.fleet.platform.testing.TestConsul;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consul stopped mid-run, on a PRIVATE agent ({@link TestConsul#privateAgent()}; the shared one stays up): calls keep
 * going to the last known instances, the {@code consul} health check stays healthy but warns, and after the agent
 * comes back (empty: a -dev agent) the apps register again and lookups follow Consul again.
 */
@Tag("consul")
class DiscoveryOutageTest {
    private static final Duration SOON = Duration.ofSeconds(30);

    private TestConsul.PrivateAgent agent;
    private final List<DropwizardTestSupport<?>> apps = new ArrayList<>();

    @BeforeEach
    void startAgent() {
        agent = TestConsul.privateAgent();
    }

    @AfterEach
    void stopAll() {
        for (int i = apps.size() - 1; i >= 0; i--) {
            apps.get(i).after();
        }
        Circuits.releaseAll();
        if (agent != null) {   // null when no Consul binary could be found (the test was skipped)
            agent.close();
        }
    }

    private DropwizardTestSupport<ThingApp.Config> thing() {
        var thing = DiscoveryTest.startThing(agent.url().toString());
        apps.add(thing);
        return thing;
    }

    private DropwizardTestSupport<ThingCallerApp.Config> caller(ConfigOverride... extra) throws Exception {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(ConfigOverride.config("consul.url", agent.url().toString())));
        overrides.addAll(List.of(extra));
        var caller = new DropwizardTestSupport<>(ThingCallerApp.class, DiscoveryTest.CONFIG,
                overrides.toArray(ConfigOverride[]::new));
        caller.before();
        apps.add(caller);
        return caller;
    }

    private static HealthCheck.Result consulHealth(DropwizardTestSupport<ThingCallerApp.Config> caller) {
        return caller.getEnvironment().healthChecks().runHealthCheck("consul");
    }

    private static List<?> instances(DropwizardTestSupport<ThingCallerApp.Config> caller) {
        return caller.<ThingCallerApp>getApplication().discovery.directory().instances(ThingApp.NAME);
    }

    private boolean registeredInAgent(DropwizardTestSupport<ThingApp.Config> thing) {
        Consul consul = Consul.builder().withUrl(agent.url().toString()).build();
        try {
            return consul.healthClient().getHealthyServiceInstances(ThingApp.NAME).getResponse().stream()
                    .anyMatch(health -> health.getService().getId().equals(DiscoveryTest.idOf(thing)));
        } finally {
            consul.destroy();
        }
    }

    @Test
    void anOutageKeepsCallsOnTheLastKnownInstancesWarnsAndRecoveryRegistersAgain() throws Exception {
        var thing = thing();
        var caller = caller();
        ThingCallerApp app = caller.getApplication();
        Poll.until(SOON, "the caller to see the instance", () -> instances(caller).size() == 1);
        assertThat(consulHealth(caller).getMessage()).startsWith("Consul reachable");

        agent.stop();

        for (int i = 0; i < 5; i++) {
            assertThat(app.get().call().port()).isEqualTo(thing.getLocalPort());
        }
        HealthCheck.Result during = consulHealth(caller);
        assertThat(during.isHealthy()).as("an outage must not fail /healthcheck (Consul's and Kubernetes' probe)").isTrue();
        assertThat(during.getMessage()).startsWith("WARNING: Consul unreachable since ")
                .endsWith("using last known instances: disco-thing=1");
        assertThat(during.getDetails()).containsKey("unreachableSince");

        agent.start();   // same ports, no state

        Poll.until(SOON, "the instance to register again with the restarted agent and pass", () -> registeredInAgent(thing));
        Poll.until(SOON, "the warning to clear", () -> consulHealth(caller).getMessage().startsWith("Consul reachable"));
        var second = thing();
        Poll.until(Duration.ofSeconds(90), () -> "the caller's watch to follow Consul again (sees " + instances(caller) + ")",
                () -> instances(caller).size() == 2);
        assertThat(second.getLocalPort()).isPositive();
    }

    @Test
    void beforeConsulEverAnsweredTheStaticEntryIsUsedAndAppsRegisterOnceItIsUp() throws Exception {
        agent.stop();
        var thing = thing();   // cannot register yet: logs, keeps trying
        var caller = caller(ConfigOverride.config("remote.services.disco-thing", "http://127.0.0.1:" + thing.getLocalPort()));
        ThingCallerApp app = caller.getApplication();

        assertThat(app.get().call().port()).as("the static remote.services entry").isEqualTo(thing.getLocalPort());
        assertThat(consulHealth(caller).getMessage()).startsWith("WARNING: Consul unreachable since ");

        agent.start();

        Poll.until(SOON, "the instance to register once the agent is up", () -> registeredInAgent(thing));
        Poll.until(Duration.ofSeconds(90), "the caller to learn the instance from Consul", () -> instances(caller).size() == 1);
        assertThat(app.get().call().port()).isEqualTo(thing.getLocalPort());
    }
}
