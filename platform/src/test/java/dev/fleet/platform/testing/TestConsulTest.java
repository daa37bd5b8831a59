package dev.fleet.platform.testing;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.model.agent.ImmutableRegCheck;
import org.kiwiproject.consul.model.agent.ImmutableRegistration;
import org.kiwiproject.consul.model.health.ServiceHealth;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The real agent from {@link TestConsul}, driven through org.kiwiproject:consul-client the way Fleet's discovery
 * will: a service registered with an HTTP check is listed as passing while its health endpoint answers 200, drops
 * out when the endpoint fails, and is gone after deregistration.
 */
@Tag("consul")
class TestConsulTest {

    private final AtomicInteger healthStatus = new AtomicInteger(200);
    private HttpServer healthEndpoint;
    private Consul consul;
    private final String name = "fleet-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String id = name + "-1";

    @BeforeEach
    void setUp() throws Exception {
        consul = Consul.builder().withUrl(TestConsul.url().toURL()).build();
        healthEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        healthEndpoint.createContext("/healthcheck", exchange -> {
            exchange.sendResponseHeaders(healthStatus.get(), -1);
            exchange.close();
        });
        healthEndpoint.start();
    }

    @AfterEach
    void tearDown() {
        if (consul != null) {
            // The shared agent outlives this test: leave nothing behind, also when the test failed midway.
            if (consul.agentClient().getServices().containsKey(id)) {
                consul.agentClient().deregister(id);
            }
            consul.destroy();
        }
        if (healthEndpoint != null) {
            healthEndpoint.stop(0);
        }
    }

    @Test
    void registeredServiceWithHttpCheckIsPassingUntilItsCheckFailsAndIsGoneAfterDeregistration() {
        int port = healthEndpoint.getAddress().getPort();
        consul.agentClient().register(ImmutableRegistration.builder()
                .id(id).name(name).address("127.0.0.1").port(port).addTags("fleet")
                .addChecks(ImmutableRegCheck.builder()
                        .http("http://127.0.0.1:" + port + "/healthcheck")
                        .interval("1s").timeout("1s").deregisterCriticalServiceAfter("1m")
                        .build())
                .build());

        await("the instance to be passing", () -> passingIds().contains(id));
        ServiceHealth instance = consul.healthClient().getHealthyServiceInstances(name).getResponse().get(0);
        assertThat(instance.getService().getAddress()).isEqualTo("127.0.0.1");
        assertThat(instance.getService().getPort()).isEqualTo(port);
        assertThat(instance.getService().getTags()).contains("fleet");

        healthStatus.set(500);
        await("the failing instance to leave the passing list", () -> !passingIds().contains(id));

        healthStatus.set(200);
        await("the recovered instance to be passing again", () -> passingIds().contains(id));

        consul.agentClient().deregister(id);
        assertThat(consul.healthClient().getAllServiceInstances(name).getResponse()).isEmpty();
    }

    private List<String> passingIds() {
        return consul.healthClient().getHealthyServiceInstances(name).getResponse().stream()
                .map(health -> health.getService().getId()).toList();
    }

    /** Polls (checks run every second) for up to 20 s. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
        fail("timed out after 20 s waiting for " + what);
    }
}
