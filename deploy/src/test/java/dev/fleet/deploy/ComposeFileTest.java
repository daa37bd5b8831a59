package dev.fleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static dev.fleet.deploy.KustomizeLayersTest.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * compose/docker-compose.yml (and with compose/stage-monolith.yml over it) against the apps: each app module has a
 * service built from its Dockerfile; its environment, fed to the app's own settings code, validates and names only
 * variables the app reads; the app then listens on 0.0.0.0 on exactly the ports its image exposes, its health check
 * asks its own admin port, and the hosts it talks to are services of the file. Nothing but the edge is published
 * beyond 127.0.0.1, and everything starts after what it needs is healthy. No engine runs here: all of it is parsing.
 */
class ComposeFileTest {
    /** The key docs/compose.md tells users to send; the edge must accept it. */
    static final String DEMO_KEY = "fleet-compose-demo";
    private static final int CONSUL_HTTP_PORT = 8500;
    private static final int AMQP_PORT = 5672;

    enum Stage {
        EXTRACTED(Compose.MAIN), MONOLITH(Compose.MAIN, Compose.STAGE_MONOLITH);

        private final Path[] files;

        Stage(Path... files) {
            this.files = files;
        }

        Compose compose() {
            return Compose.read(files);
        }
    }

    static Stream<Arguments> appsInEveryStage() {
        return Stream.of(Stage.values()).flatMap(stage -> AppModule.all().stream().map(app -> Arguments.of(stage, app)));
    }

    static List<AppModule> apps() {
        return AppModule.all();
    }

    @Test
    void theAppModulesAreKnown() {
        assertThat(AppModule.all()).extracting(AppModule::artifactId).containsExactlyInAnyOrder("monolith",
                "catalog-service", "pricing-service", "billing-service", "notification-service", "turbine",
                "hystrix-dashboard", "edge-proxy");
    }

    @ParameterizedTest
    @MethodSource("apps")
    void everyAppHasAServiceBuiltFromItsDockerfileAtTheProjectVersion(AppModule app) {
        Compose.Service service = Stage.EXTRACTED.compose().service(app.artifactId());
        assertThat(app.dockerfile()).as(app + " Dockerfile").isRegularFile();
        assertThat(service.text("build", "context")).as(app + " build context (the repository root)").isEqualTo("..");
        assertThat(service.text("build", "dockerfile")).as(app + " dockerfile").isEqualTo(app.dir() + "/Dockerfile");
        // the images the Kubernetes manifests run (AppManifestsTest checks the same name there)
        assertThat(service.text("image")).as(app + " image").isEqualTo(app.image());
    }

    @ParameterizedTest
    @MethodSource("appsInEveryStage")
    void envSetsOnlyVariablesTheAppReads(Stage stage, AppModule app) {
        InContainer running = InContainer.of(app, stage.compose());
        assertThat(running.env.keySet()).as(stage + ": env of " + app + " (a name the app does not read is a no-op)")
                .allMatch(running.reads.or(AppManifestsTest.JVM_VARIABLES::contains));
    }

    @ParameterizedTest
    @MethodSource("appsInEveryStage")
    void appListensOnEveryInterfaceOnThePortsItsImageExposes(Stage stage, AppModule app) {
        InContainer running = InContainer.of(app, stage.compose());
        // other containers (and Docker's port forwarding) reach the container's address, not its loopback
        assertThat(running.bindHosts).as(stage + ": " + app + " bind addresses").containsOnly("0.0.0.0");
        assertThat(exposed(app)).as(app + " Dockerfile EXPOSE vs the ports the app listens on in compose")
                .isEqualTo(running.ports);
        assertThat(stage.compose().service(app.artifactId()).ports()).as(stage + ": " + app + " published ports")
                .allMatch(port -> running.ports.contains(port.containerPort()));
    }

    @ParameterizedTest
    @MethodSource("appsInEveryStage")
    void healthCheckAsksTheAppOnItsOwnPort(Stage stage, AppModule app) {
        InContainer running = InContainer.of(app, stage.compose());
        Compose.Service service = stage.compose().service(app.artifactId());
        URI url = service.healthUrl().orElseThrow(() -> new AssertionError(app + ": no http:// URL in healthcheck " + service.healthcheck()));
        assertThat(service.healthcheck()).as(app + " healthcheck").startsWith("CMD", "curl", "-fsS");
        assertThat(url.getHost()).as(app + " health check host").isEqualTo("127.0.0.1");
        assertThat(url.getPort()).as(app + " health check port").isEqualTo(running.healthPort);
        assertThat(url.getPath()).as(app + " health check path").isEqualTo(running.healthPath);
    }

    @Test
    void everyServiceHasAHealthCheckAndStartsAfterWhatItNeedsIsHealthy() {
        for (Stage stage : Stage.values()) {
            checkStartOrder(stage.compose());
        }
    }

    @Test
    void onlyTheEdgesProxyPortIsPublishedBeyondLoopback() {
        for (Stage stage : Stage.values()) {
            checkPublishedPorts(stage.compose());
        }
        InContainer edge = InContainer.of(AppModule.named("edge-proxy"), Stage.EXTRACTED.compose());
        assertThat(Stage.EXTRACTED.compose().service("edge-proxy").ports()).as("the edge is the public entry")
                .contains(new Compose.Published(null, edge.apiPort, edge.apiPort));
    }

    @Test
    void aPublishedAdminPortIsCaught() {
        Compose compose = Stage.EXTRACTED.compose().copy();
        ArrayNode ports = (ArrayNode) compose.tree.path("services").path("monolith").path("ports");
        ports.add("9001:9001");
        assertThatThrownBy(() -> checkPublishedPorts(compose)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("monolith").hasMessageContaining("9001");
    }

    @Test
    void aStartWithoutWaitingForHealthIsCaught() {
        Compose compose = Stage.EXTRACTED.compose().copy();
        ((ObjectNode) compose.tree.path("services").path("monolith").path("depends_on").path("postgres"))
                .put("condition", "service_started");
        assertThatThrownBy(() -> checkStartOrder(compose)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("monolith").hasMessageContaining("postgres");
    }

    @ParameterizedTest
    @EnumSource(Stage.class)
    void dropwizardAppsTalkToServicesOfTheFile(Stage stage) {
        Compose compose = stage.compose();
        for (AppModule app : AppModule.all()) {
            if (app.dropwizard().isEmpty()) {
                continue;
            }
            InContainer running = InContainer.of(app, compose);
            JsonNode tree = running.tree;
            assertThat(tree.path("consul").path("advertiseHost").asText()).as(app + ": the address registered in Consul")
                    .isEqualTo(app.artifactId());
            URI consul = URI.create(tree.path("consul").path("url").asText());
            assertThat(compose.service(consul.getHost()).text("image")).as(app + " Consul at " + consul).startsWith("hashicorp/consul:");
            assertThat(consul.getPort()).as(app + " Consul HTTP port").isEqualTo(CONSUL_HTTP_PORT);

            checkDatabase(compose, app, tree.path("database"));
            String kafka = tree.path("kafka").path("bootstrapServers").asText("none");
            if (!Set.of("none", "inprocess").contains(kafka)) {
                for (String server : kafka.split(",")) {
                    URI broker = URI.create("kafka://" + server.trim());
                    assertThat(compose.service(broker.getHost()).env().get("KAFKA_ADVERTISED_LISTENERS"))
                            .as(app + ": Kafka " + server + " advertises itself under that name")
                            .contains("://" + server.trim());
                }
            }
            String amqp = tree.path("amqp").path("uri").asText("none");
            if (!Set.of("none", "inprocess").contains(amqp)) {
                URI broker = URI.create(amqp);
                Map<String, String> rabbit = compose.service(broker.getHost()).env();
                assertThat(broker.getUserInfo()).as(app + ": the AMQP user is RabbitMQ's")
                        .isEqualTo(rabbit.get("RABBITMQ_DEFAULT_USER") + ":" + rabbit.get("RABBITMQ_DEFAULT_PASS"));
                assertThat(broker.getPort()).as(app + " AMQP port").isEqualTo(AMQP_PORT);
            }
            // the static table (used until Consul first answers): app services on their API port
            tree.path("remote").path("services").forEach(node -> {
                URI target = URI.create(node.asText());
                InContainer callee = InContainer.of(AppModule.named(target.getHost()), compose);
                assertThat(target.getPort()).as(app + " calls " + target + ": the API port of " + callee).isEqualTo(callee.apiPort);
            });
        }
    }

    /**
     * One stage across all apps: a module the monolith runs remotely gets every edge client (weight 100) and its
     * service consumes the messages; run locally, the edge sends nobody (0) and the service consumes nothing (the
     * monolith would otherwise split the queue and the consumer group with it).
     */
    @ParameterizedTest
    @EnumSource(Stage.class)
    void edgeWeightsAndConsumersFollowTheMonolithsModes(Stage stage) {
        Compose compose = stage.compose();
        JsonNode monolith = InContainer.of(AppModule.named("monolith"), compose).tree;
        Map<String, String> edge = dev.fleet.edge.EdgeSettings.load(compose.service("edge-proxy").env(), Map.of()).withPrefix("route.");
        monolith.path("remote").path("consulNames").fields().forEachRemaining(target -> {
            boolean remote = monolith.path(target.getKey()).path("mode").asText().equals("remote");
            String service = target.getValue().asText();
            String route = edge.entrySet().stream().filter(e -> e.getKey().endsWith(".service") && e.getValue().equals(service))
                    .map(e -> e.getKey().replaceFirst("\\.service$", "")).findFirst()
                    .orElseThrow(() -> new AssertionError("the edge has no route to " + service));
            assertThat(edge.get(route + ".weight")).as(stage + ": " + route + ".weight with the monolith's "
                    + target.getKey() + " " + (remote ? "remote" : "local")).isEqualTo(remote ? "100" : "0");
        });
        // monolith module → the service consuming its messages, and the broker setting that makes it consume
        Map<String, List<String>> consumers = Map.of("billing", List.of("billing-service", "amqp", "uri"),
                "notifications", List.of("notification-service", "kafka", "bootstrapServers"));
        consumers.forEach((module, where) -> {
            JsonNode settings = InContainer.of(AppModule.named(where.get(0)), compose).tree;
            boolean consuming = !settings.path(where.get(1)).path(where.get(2)).asText("none").equals("none");
            assertThat(consuming).as(stage + ": " + where.get(0) + " consumes iff the monolith's " + module + " is remote")
                    .isEqualTo(monolith.path(module).path("mode").asText().equals("remote"));
        });
    }

    @Test
    void theDocumentedDemoKeyOpensWrites() throws Exception {
        String hashes = dev.fleet.edge.EdgeSettings.load(Stage.EXTRACTED.compose().service("edge-proxy").env(), Map.of())
                .get("edge.apiKeyHashes", "");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(DEMO_KEY.getBytes(StandardCharsets.UTF_8)));
        assertThat(List.of(hashes.split(","))).as("edge.apiKeyHashes").contains(hash);
        assertThat(Files.readString(Deployed.root().resolve("docs/compose.md"))).as("docs/compose.md").contains(DEMO_KEY);
    }

    @Test
    void brokersAndDatabaseAreTheImagesTheKubernetesOverlayRuns() {
        Compose compose = Stage.EXTRACTED.compose();
        for (String component : List.of("postgres", "kafka", "rabbitmq")) {
            String k8s = LOCAL.get(Deployment.class, component).getSpec().getTemplate().getSpec().getContainers().get(0).getImage();
            assertThat(compose.service(component).text("image")).as(component + " image (deploy/k8s/overlays/local)").isEqualTo(k8s);
        }
    }

    /** Every published port binds 127.0.0.1, except the edge's proxy port: the one public entry. */
    static void checkPublishedPorts(Compose compose) {
        int edgePort = InContainer.of(AppModule.named("edge-proxy"), compose).apiPort;
        List<String> open = new ArrayList<>();
        for (String name : compose.serviceNames()) {
            for (Compose.Published port : compose.service(name).ports()) {
                boolean publicEntry = name.equals("edge-proxy") && port.containerPort() == edgePort;
                if (!port.loopbackOnly() && !publicEntry) {
                    open.add(name + " " + port);
                }
            }
        }
        assertThat(open).as("ports published beyond 127.0.0.1 (use \"127.0.0.1:<port>:<port>\")").isEmpty();
    }

    /** Health checks everywhere; depends_on names services of the file, waits for them to be healthy, has no cycle. */
    static void checkStartOrder(Compose compose) {
        for (String name : compose.serviceNames()) {
            Compose.Service service = compose.service(name);
            assertThat(service.healthcheck()).as(name + " healthcheck").isNotEmpty().doesNotContain("NONE");
            service.dependsOn().forEach((dependency, condition) -> {
                assertThat(compose.serviceNames()).as(name + " depends on " + dependency).contains(dependency);
                assertThat(condition).as(name + " depends on " + dependency).isEqualTo("service_healthy");
            });
            assertThat(upstream(compose, name, new TreeSet<>())).as(name + " depends on itself").doesNotContain(name);
        }
    }

    private static Set<String> upstream(Compose compose, String name, Set<String> seen) {
        for (String dependency : compose.service(name).dependsOn().keySet()) {
            if (seen.add(dependency)) {
                upstream(compose, dependency, seen);
            }
        }
        return seen;
    }

    /** The app's database: on the postgres service, created there on its first start, with its user. */
    private static void checkDatabase(Compose compose, AppModule app, JsonNode database) {
        URI url = URI.create(database.path("url").asText().replaceFirst("^jdbc:", ""));
        assertThat(url.getScheme()).as(app + " database").isEqualTo("postgresql");
        Compose.Service postgres = compose.service(url.getHost());
        Map<String, String> env = postgres.env();
        assertThat(database.path("user").asText() + ":" + database.path("password").asText()).as(app + " database user")
                .isEqualTo(env.get("POSTGRES_USER") + ":" + env.get("POSTGRES_PASSWORD"));
        String init = "";
        for (JsonNode volume : postgres.node().path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts.length > 1 && parts[1].startsWith("/docker-entrypoint-initdb.d/")) {
                init += Layer.text(Compose.DIR.resolve(parts[0]).normalize());
            }
        }
        String name = url.getPath().substring(1);
        assertThat(init + " POSTGRES_DB=" + env.get("POSTGRES_DB")).as("postgres creates database " + name + " for " + app)
                .containsPattern("(CREATE DATABASE|POSTGRES_DB=)\\s*" + name + "\\b");
    }

    private static Set<Integer> exposed(AppModule app) {
        Set<Integer> ports = new TreeSet<>();
        new Dockerfile(app.dockerfile()).finalStage().all("EXPOSE")
                .forEach(expose -> Stream.of(expose.arguments().split("\\s+"))
                        .forEach(port -> ports.add(Integer.parseInt(port.replaceFirst("/tcp$", "")))));
        return ports;
    }
}
