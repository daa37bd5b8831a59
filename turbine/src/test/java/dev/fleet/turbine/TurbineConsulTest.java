package dev.fleet.turbine;

import dev.fleet.platform.testing.TestConsul;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.model.agent.ImmutableRegistration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.fleet.turbine.StreamWatcher.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turbine with instances from the real agent of {@link TestConsul}: services tagged {@code hystrix} are read at
 * their meta {@code adminPort}; instances that register or deregister join or leave the sums without a restart.
 */
@Tag("consul")
class TurbineConsulTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final String app = "turbine-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String command = "cars" + UUID.randomUUID().toString().substring(0, 4);
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<String> registered = new ArrayList<>();
    private Consul consul;
    private TurbineMain turbine;

    @BeforeEach
    void start() throws Exception {
        URI agent = TestConsul.url();
        consul = Consul.builder().withUrl(agent.toURL()).build();
        turbine = TurbineMain.start(new TurbineConfig("127.0.0.1", 0, agent.toString(), "hystrix", Duration.ofMillis(300),
                Map.of(), Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofMillis(300)));
        closing.add(turbine);
    }

    @AfterEach
    void stop() throws Exception {
        if (consul == null) {
            return; // no Consul agent could be had: the test was skipped before starting anything
        }
        registered.forEach(id -> consul.agentClient().deregister(id));
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        consul.destroy();
    }

    private FakeHystrixStream register(String service, String tag, int requests) throws Exception {
        FakeHystrixStream stream = new FakeHystrixStream().command(command, requests);
        closing.add(stream);
        String id = service + "-" + stream.port();
        // as an app registers (docs/discovery.md): the API port, the admin port in meta; no check = passing
        consul.agentClient().register(ImmutableRegistration.builder()
                .id(id).name(service).address("127.0.0.1").port(1).addTags("fleet", tag)
                .putMeta("adminPort", String.valueOf(stream.port()))
                .build());
        registered.add(id);
        return stream;
    }

    private String clusters() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + turbine.port() + "/clusters")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void instancesAppearAndDisappearWithTheirConsulRegistration() throws Exception {
        FakeHystrixStream first = register(app, "hystrix", 10);
        await(WAIT, "the application becomes a cluster", () -> uncheckedClusters().contains("\"" + app + "\""));
        StreamWatcher cluster = new StreamWatcher(URI.create("http://127.0.0.1:" + turbine.port() + "/turbine.stream?cluster=" + app));
        closing.add(cluster);
        await(WAIT, "the first instance", () -> cluster.number(command, "reportingHosts") == 1
                && cluster.number(command, "requestCount") == 10);

        FakeHystrixStream second = register(app, "hystrix", 20);
        await(WAIT, "the registered second instance joins", () -> cluster.number(command, "reportingHosts") == 2
                && cluster.number(command, "requestCount") == 30);

        registered.remove(app + "-" + first.port());
        consul.agentClient().deregister(app + "-" + first.port());
        await(WAIT, "the deregistered first instance leaves", () -> cluster.number(command, "reportingHosts") == 1
                && cluster.number(command, "requestCount") == 20);
        await(WAIT, "its stream is closed", () -> first.openStreams() == 0);
        assertThat(second.openStreams()).isEqualTo(1);
    }

    @Test
    void servicesWithoutTheHystrixTagAreNotRead() throws Exception {
        String other = app + "-untagged";
        FakeHystrixStream untagged = register(other, "not-hystrix", 10);
        register(app, "hystrix", 5);

        await(WAIT, "the tagged application becomes a cluster", () -> uncheckedClusters().contains("\"" + app + "\""));
        assertThat(clusters()).doesNotContain("\"" + other + "\"");
        StreamWatcher fleet = new StreamWatcher(URI.create("http://127.0.0.1:" + turbine.port() + "/turbine.stream?cluster=fleet"));
        closing.add(fleet);
        await(WAIT, "the tagged instance", () -> fleet.number(command, "requestCount") == 5);
        assertThat(untagged.openStreams()).isZero();
    }

    private String uncheckedClusters() {
        try {
            return clusters();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
