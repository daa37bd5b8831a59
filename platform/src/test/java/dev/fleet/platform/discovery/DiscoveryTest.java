package dev.fleet.platform.discovery;

import com.netflix.hystrix.HystrixEventType;
import dev.fleet.platform.discovery.ThingApp.Thing;
import dev.fleet.platform.remote.Circuits;
import dev.fleet.platform.remote.RemoteCall;
import dev.fleet.platform.remote.RemoteUnavailableException;
import dev.fleet.platform.testing.Poll;
import dev.fleet.platform.testing.TestConsul;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.model.agent.ImmutableRegistration;
import org.kiwiproject.consul.model.health.HealthCheck;
import org.kiwiproject.consul.model.health.Service;
import org.kiwiproject.consul.model.health.ServiceHealth;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Registration, lookup, round-robin and retry against the real agent of {@link TestConsul}: {@code disco-thing}
 * instances (in this JVM, on port 0, each its own app) and a caller finding them through Consul.
 */
@Tag("consul")
class DiscoveryTest {
    static final String CONFIG = ResourceHelpers.resourceFilePath("discovery-app.yml");
    static final Duration SOON = Duration.ofSeconds(20);

    private static Consul consul;
    private static DropwizardTestSupport<ThingCallerApp.Config> caller;
    private final List<DropwizardTestSupport<ThingApp.Config>> things = new ArrayList<>();
    private final List<String> manual = new ArrayList<>();

    @BeforeAll
    static void startCaller() throws Exception {
        consul = Consul.builder().withUrl(TestConsul.url().toURL()).build();
        caller = new DropwizardTestSupport<>(ThingCallerApp.class, CONFIG,
                ConfigOverride.config("consul.url", TestConsul.url().toString()));
        caller.before();
    }

    @AfterAll
    static void stopCaller() {
        if (caller != null) {
            caller.after();
        }
        Circuits.releaseAll();
        if (consul != null) {
            consul.destroy();
        }
    }

    @AfterEach
    void stopThings() {
        things.forEach(DropwizardTestSupport::after);
        manual.forEach(id -> consul.agentClient().deregister(id));
        Poll.until(SOON, "the caller to see no disco-thing instance", () -> directory().instances(ThingApp.NAME).isEmpty());
        caller.<ThingCallerApp>getApplication().hystrix.resetHystrix();
    }

    static DropwizardTestSupport<ThingApp.Config> startThing(String consulUrl) {
        var thing = new DropwizardTestSupport<>(ThingApp.class, CONFIG, ConfigOverride.config("consul.url", consulUrl));
        try {
            thing.before();
        } catch (Exception e) {
            throw new IllegalStateException("disco-thing did not start", e);
        }
        return thing;
    }

    private DropwizardTestSupport<ThingApp.Config> thing() {
        var thing = startThing(TestConsul.url().toString());
        things.add(thing);
        return thing;
    }

    private static ConsulServiceDirectory directory() {
        return caller.<ThingCallerApp>getApplication().discovery.directory();
    }

    private static ThingCallerApp callerApp() {
        return caller.getApplication();
    }

    static String idOf(DropwizardTestSupport<ThingApp.Config> thing) {
        return ThingApp.NAME + "-127.0.0.1-" + thing.getLocalPort();
    }

    private static List<String> passingIds() {
        return consul.healthClient().getHealthyServiceInstances(ThingApp.NAME).getResponse().stream()
                .map(health -> health.getService().getId()).toList();
    }

    private void awaitCallerSees(int instances) {
        Poll.until(SOON, () -> "the caller to see " + instances + " passing instance(s), has "
                + directory().instances(ThingApp.NAME), () -> directory().instances(ThingApp.NAME).size() == instances);
    }

    @Test
    void anAppRegistersWithTagsMetaAndAPassingCheckAndIsGoneAfterStop() {
        var thing = thing();
        String id = idOf(thing);

        Service registered = consul.agentClient().getServices().get(id);
        assertThat(registered).as("registered once Jetty started").isNotNull();
        assertThat(registered.getService()).isEqualTo("disco-thing");
        assertThat(registered.getAddress()).isEqualTo("127.0.0.1");
        assertThat(registered.getPort()).isEqualTo(thing.getLocalPort());
        assertThat(registered.getTags()).containsExactlyInAnyOrder("fleet", "hystrix", "version-dev");
        assertThat(registered.getMeta()).containsEntry("adminPort", String.valueOf(thing.getAdminPort()));

        Poll.until(SOON, "its /healthcheck check to pass", () -> passingIds().contains(id));
        ServiceHealth health = consul.healthClient().getHealthyServiceInstances(ThingApp.NAME).getResponse().get(0);
        HealthCheck check = health.getChecks().stream().filter(c -> c.getServiceId().orElse("").equals(id)).findFirst().orElseThrow();
        assertThat(check.getStatus()).isEqualTo("passing");
        assertThat(check.getOutput().orElse("")).contains("http://127.0.0.1:" + thing.getAdminPort() + "/healthcheck");

        thing.after();
        things.remove(thing);
        assertThat(consul.agentClient().getServices()).as("deregistered when it stopped").doesNotContainKey(id);
    }

    @Test
    void anAgentThatForgotTheAppGetsItBack() {
        var thing = thing();
        String id = idOf(thing);
        assertThat(consul.agentClient().isRegistered(id)).isTrue();

        consul.agentClient().deregister(id);   // what a restarted -dev agent looks like: no state

        Poll.until(SOON, "the app to register again", () -> consul.agentClient().isRegistered(id));
    }

    @Test
    void callsTakeTurnsOverThePassingInstancesAndFollowADeregistration() {
        var first = thing();
        var second = thing();
        awaitCallerSees(2);

        for (int i = 0; i < 10; i++) {
            callerApp().get().call();
        }
        assertThat(first.<ThingApp>getApplication().calls.get()).isEqualTo(5);
        assertThat(second.<ThingApp>getApplication().calls.get()).isEqualTo(5);

        second.after();
        things.remove(second);
        awaitCallerSees(1);
        assertThat(directory().instances(ThingApp.NAME)).containsExactly(URI.create("http://127.0.0.1:" + first.getLocalPort()));
        for (int i = 0; i < 4; i++) {
            assertThat(callerApp().get().call().port()).isEqualTo(first.getLocalPort());
        }
        assertThat(first.<ThingApp>getApplication().calls.get()).isEqualTo(9);
    }

    @Test
    void noPassingInstanceFailsLikeARefusedConnectionNotA500() {
        awaitCallerSees(0);
        RemoteCall<Thing> call = callerApp().get();
        assertThatThrownBy(call::call).isInstanceOf(RemoteUnavailableException.class);
        assertThat(call.getExecutionEvents()).contains(HystrixEventType.FAILURE);
        assertThat(call.getFailedExecutionException()).isInstanceOf(NoInstanceException.class);
    }

    @Test
    void aGetWhoseConnectionIsRefusedIsRetriedOnceOnAnotherInstanceButAPostIsNot() throws Exception {
        var live = thing();
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();   // closed again: connections to it are refused
        }
        String dead = ThingApp.NAME + "-dead-" + deadPort;
        // registered without a check, so Consul lists it as passing although nothing listens
        consul.agentClient().register(ImmutableRegistration.builder().id(dead).name(ThingApp.NAME)
                .address("127.0.0.1").port(deadPort).build());
        manual.add(dead);
        awaitCallerSees(2);

        int retried = 0;
        for (int i = 0; i < 6; i++) {
            RemoteCall<Thing> get = callerApp().get();
            assertThat(get.call().port()).isEqualTo(live.getLocalPort());
            assertThat(get.getExecutionEvents()).containsExactly(HystrixEventType.SUCCESS);
            retried += get.retried() ? 1 : 0;
        }
        assertThat(retried).as("half the GETs went to the dead instance first").isEqualTo(3);
        assertThat(live.<ThingApp>getApplication().calls.get()).isEqualTo(6);

        int failed = 0;
        for (int i = 0; i < 4; i++) {
            RemoteCall<Thing> post = callerApp().post();
            try {
                assertThat(post.call().name()).isEqualTo("posted");
            } catch (RemoteUnavailableException refused) {
                failed++;
                assertThat(post.getExecutionEvents()).contains(HystrixEventType.FAILURE);
            }
            assertThat(post.retried()).isFalse();
        }
        assertThat(failed).as("a POST to the dead instance is not retried").isEqualTo(2);
        assertThat(live.<ThingApp>getApplication().calls.get()).isEqualTo(8);
    }

    @Test
    void aGetAnsweredWith500IsNotRetried() {
        var first = thing();
        var second = thing();
        awaitCallerSees(2);

        RemoteCall<Thing> get = callerApp().getFailing();
        assertThatThrownBy(get::call).isInstanceOf(RemoteUnavailableException.class);

        assertThat(get.retried()).isFalse();
        assertThat(get.getExecutionEvents()).contains(HystrixEventType.FAILURE);
        assertThat(first.<ThingApp>getApplication().calls.get() + second.<ThingApp>getApplication().calls.get())
                .as("the instance that answered 500 was asked once, the other not at all").isEqualTo(1);
    }
}
