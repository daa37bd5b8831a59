package dev.fleet.edge;

import static dev.fleet.edge.EdgeClient.await;
import static dev.fleet.edge.EdgeClient.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.kiwiproject.consul.Consul;
import org.kiwiproject.consul.KeyValueClient;
import org.kiwiproject.consul.model.agent.ImmutableRegistration;

/** With a real Consul agent: origins are the passing instances (watched), routes follow Consul KV live. */
@Tag("consul")
class EdgeConsulTest {
    static Consul consul;
    static KeyValueClient kv;
    static Backend monolith;
    static Backend catalogA;
    static Backend catalogB;
    static EdgeServer edge;

    @BeforeAll
    static void start() throws Exception {
        String url = EdgeTestConsul.url();
        consul = Consul.builder().withUrl(url).build();
        kv = consul.keyValueClient();
        kv.deleteKeys("fleet/config/edge-proxy");
        kv.deleteKeys("fleet/config/shared");
        monolith = new Backend("monolith");
        catalogA = new Backend("catalog-service");
        catalogB = new Backend("catalog-service");
        register("edge-test-monolith", "monolith", monolith);
        register("edge-test-catalog-a", "catalog-service", catalogA);
        Map<String, String> o = new HashMap<>();
        o.put("edge.port", "0");
        o.put("edge.adminPort", "0");
        o.put("edge.shutdownSeconds", "1");
        o.put("edge.consulUrl", url);
        o.put("edge.rateLimit.capacity", "100000");
        edge = new EdgeServer(EdgeSettings.load(Map.of(), o)).start();
    }

    static void register(String id, String name, Backend b) {
        String[] hp = b.address().split(":");
        // no health check: Consul counts it as passing
        consul.agentClient().register(ImmutableRegistration.builder().id(id).name(name).address(hp[0])
                .port(Integer.parseInt(hp[1])).build());
    }

    @AfterAll
    static void stop() {
        if (edge == null) {
            return;
        }
        edge.close();
        for (String id : new String[] {"edge-test-monolith", "edge-test-catalog-a", "edge-test-catalog-b"}) {
            try {
                consul.agentClient().deregister(id);
            } catch (RuntimeException e) {
                // not registered (a test failed half-way)
            }
        }
        kv.deleteKeys("fleet/config/edge-proxy");
        kv.deleteKeys("fleet/config/shared");
        monolith.close();
        catalogA.close();
        catalogB.close();
        consul.destroy();
    }

    static String origin(String client) {
        try {
            HttpResponse<String> r = send(edge.port(), "GET", "/api/cars", null, "X-Api-Key", client);
            return r.statusCode() == 200 ? r.headers().firstValue("X-Fleet-Origin").orElse("?") : "" + r.statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void originsAreTheWatchedPassingInstances() throws Exception {
        await("monolith instance from Consul", 20, () -> origin("c1").equals("monolith"));
        kv.putValue("fleet/config/edge-proxy/route.cars.weight", "100");
        await("catalog served", 20, () -> origin("c1").equals("catalog-service"));
        int b = catalogB.requests.get();
        register("edge-test-catalog-b", "catalog-service", catalogB);
        await("new instance used", 20, () -> {
            origin("c1");
            return catalogB.requests.get() > b;
        });
        consul.agentClient().deregister("edge-test-catalog-a");
        await("deregistered instance dropped", 20, () -> Origins.get("catalog-service").size() == 1);
        int a = catalogA.requests.get();
        for (int i = 0; i < 10; i++) {
            assertThat(origin("c1")).isEqualTo("catalog-service");
        }
        assertThat(catalogA.requests.get()).isEqualTo(a);
        register("edge-test-catalog-a", "catalog-service", catalogA);
        kv.deleteKey("fleet/config/edge-proxy/route.cars.weight");
    }

    @Test
    void weightsFollowConsulKvLiveAndInvalidValuesAreRejected() throws Exception {
        kv.putValue("fleet/config/shared/route.cars.weight", "100");
        await("shared weight applied", 20, () -> edge.routes().table().match("/api/cars").weight() == 100);
        kv.putValue("fleet/config/edge-proxy/route.cars.weight", "0"); // the app's own folder wins over shared
        await("edge-proxy weight applied", 20, () -> edge.routes().table().match("/api/cars").weight() == 0);
        assertThat(origin("kv-client")).isEqualTo("monolith");

        double rejected = edge.registry().counter("edge.routes.rejected").count();
        kv.putValue("fleet/config/edge-proxy/route.cars.weight", "lots");
        await("rejected", 20, () -> edge.registry().counter("edge.routes.rejected").count() > rejected);
        assertThat(edge.routes().table().match("/api/cars").weight()).isEqualTo(0);
        assertThat(origin("kv-client")).isEqualTo("monolith");

        kv.deleteKey("fleet/config/edge-proxy/route.cars.weight"); // falls back to shared: 100
        await("fallback to shared", 20, () -> edge.routes().table().match("/api/cars").weight() == 100);
        assertThat(origin("kv-client")).isEqualTo("catalog-service");
        kv.deleteKey("fleet/config/shared/route.cars.weight");
        await("back to the default", 20, () -> edge.routes().table().match("/api/cars").weight() == 0);
    }
}
