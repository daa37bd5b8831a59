package dev.fleet.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each stage asks of each app, ports with instances and offsets, the static tables and the databases. */
class PlanTest {
    static final Path ROOT = Path.of("/repo");
    static final Path VAR = Path.of("/repo/var");

    static Plan plan(String... args) {
        return new Plan(ROOT, VAR, UpOptions.parse(List.of(args)), "/jdk/bin/java", List.of("-Dextra=1"), "k");
    }

    static Map<String, String> env(Plan plan, String id) {
        return plan.instances().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow().env();
    }

    @Test
    void theMonolithStageAnswersFromTheMonolithWithACatalogCopyAndPricingInParallel() {
        Plan plan = plan();
        assertThat(plan.stage()).isEqualTo(Stage.MONOLITH);
        assertThat(env(plan, "monolith")).containsEntry("FLEET_CATALOG_MODE", "local").containsEntry("FLEET_PRICING_MODE", "parallel")
                .containsEntry("FLEET_BILLING_MODE", "local").containsEntry("FLEET_NOTIFICATIONS_MODE", "local")
                .containsEntry("FLEET_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
                .containsEntry("FLEET_AMQP_URI", "amqp://fleet:fleet@127.0.0.1:5672/default");
        assertThat(env(plan, "catalog-service")).containsEntry("FLEET_CATALOG_SOURCE", "monolith")
                .containsEntry("FLEET_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        // the monolith consumes charges and events itself: the services must not compete for them
        assertThat(env(plan, "billing-service")).containsEntry("FLEET_AMQP_URI", "none");
        assertThat(env(plan, "notification-service")).containsEntry("FLEET_KAFKA_BOOTSTRAP", "none");
        assertThat(plan.stage().routeWeights()).containsEntry("route.cars.weight", "0").containsEntry("route.quotes.weight", "0")
                .containsEntry("route.invoices.weight", "0").containsEntry("route.notifications.weight", "0");
    }

    @Test
    void strangledAndExtractedStagesCallTheServicesAndDifferOnlyInTheEdgeWeights() {
        Plan strangler = plan("--stage", "strangler");
        Plan extracted = plan("--stage=extracted");
        assertThat(env(strangler, "monolith")).containsEntry("FLEET_CATALOG_MODE", "remote").containsEntry("FLEET_PRICING_MODE", "remote")
                .containsEntry("FLEET_BILLING_MODE", "remote").containsEntry("FLEET_NOTIFICATIONS_MODE", "remote");
        assertThat(env(strangler, "catalog-service")).containsEntry("FLEET_CATALOG_SOURCE", "self").containsEntry("FLEET_KAFKA_BOOTSTRAP", "none");
        assertThat(env(strangler, "billing-service")).containsEntry("FLEET_AMQP_URI", "amqp://fleet:fleet@127.0.0.1:5672/default");
        assertThat(env(strangler, "notification-service")).containsEntry("FLEET_KAFKA_BOOTSTRAP", "127.0.0.1:9092");
        assertThat(strangler.stage().routeWeights()).containsValues("50").doesNotContainValue("100");
        assertThat(extracted.stage().routeWeights()).containsEntry("route.cars.weight", "100");
        for (int i = 0; i < strangler.instances().size(); i++) {
            assertThat(extracted.instances().get(i).env()).isEqualTo(strangler.instances().get(i).env());
        }
        assertThat(plan().withStage(Stage.STRANGLER).instances()).isEqualTo(strangler.instances());
    }

    @Test
    void defaultPortsAreTheArchitecturesAndEveryAppRunsOnce() {
        Plan plan = plan();
        assertThat(plan.instances()).extracting(Instance::id).containsExactly("monolith", "catalog-service", "pricing-service",
                "billing-service", "notification-service", "edge-proxy", "turbine", "hystrix-dashboard");
        assertThat(plan.ports()).containsKeys(9092, 5672, 9000, 9001, 9010, 9011, 9020, 9021, 9030, 9031, 9040, 9041, 8080, 8081, 8989, 7979)
                .hasSize(16);
        assertThat(plan.ports().get(9000)).isEqualTo("monolith API");
        assertThat(plan.ports().get(9011)).isEqualTo("catalog-service admin");
    }

    @Test
    void instancesAndOffsetMoveThePortsAndEveryTableListsEveryInstance() {
        Plan plan = plan("--instances", "catalog-service=2,pricing-service=3", "--port-offset", "100");
        assertThat(plan.instancesOf(AppKind.CATALOG_SERVICE)).extracting(Instance::id, Instance::port, Instance::adminPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("catalog-service", 9110, 9111),
                        org.assertj.core.groups.Tuple.tuple("catalog-service-2", 9112, 9113));
        assertThat(plan.instancesOf(AppKind.PRICING_SERVICE)).hasSize(3);
        assertThat(plan.kafkaBootstrap()).isEqualTo("127.0.0.1:9192");
        assertThat(plan.ports()).hasSize(16 + 2 + 4);
        Map<String, String> edge = env(plan, "edge-proxy");
        assertThat(edge).containsEntry("FLEET_EDGE_PORT", "8180").containsEntry("FLEET_EDGE_ADMIN_PORT", "8181")
                .containsEntry("FLEET_EDGE_ORIGINS_CATALOG_SERVICE", "127.0.0.1:9110,127.0.0.1:9112")
                .containsEntry("FLEET_EDGE_ORIGINS_MONOLITH", "127.0.0.1:9100")
                .containsEntry("FLEET_EDGE_ROUTES_FILE", VAR.resolve("edge-routes.properties").toString());
        assertThat(env(plan, "turbine").get("FLEET_TURBINE_INSTANCES")).contains(
                "catalog-service=http://127.0.0.1:9111/hystrix.stream", "catalog-service=http://127.0.0.1:9113/hystrix.stream",
                "monolith=http://127.0.0.1:9101/hystrix.stream").doesNotContain("edge");
        assertThat(env(plan, "hystrix-dashboard")).containsEntry("FLEET_TURBINE_URL", "http://127.0.0.1:9089")
                .containsEntry("FLEET_DASHBOARD_PORT", "8079");
        // the static discovery table names the first instance (with Consul every caller sees all of them)
        assertThat(env(plan, "monolith")).containsEntry("FLEET_CATALOG_URL", "http://127.0.0.1:9110")
                .containsEntry("FLEET_PRICING_URL", "http://127.0.0.1:9120");
        assertThat(env(plan, "pricing-service-3")).containsEntry("FLEET_HTTP_PORT", "9124").containsEntry("FLEET_ADMIN_PORT", "9125")
                .containsEntry("FLEET_CUSTOMERS_URL", "http://127.0.0.1:9100");
    }

    @Test
    void eachAppHasItsOwnH2FileSharedByItsInstances() {
        Plan plan = plan("--instances", "catalog-service=2");
        assertThat(env(plan, "catalog-service").get("FLEET_DB_URL")).isEqualTo(env(plan, "catalog-service-2").get("FLEET_DB_URL"))
                .startsWith("jdbc:h2:file:/repo/var/catalog-service/catalog;").contains("AUTO_SERVER=TRUE");
        assertThat(env(plan, "monolith").get("FLEET_DB_URL")).startsWith("jdbc:h2:file:/repo/var/monolith/fleet;");
        assertThat(env(plan, "monolith")).doesNotContainKey("FLEET_DB_USER");
    }

    @Test
    void aPostgresUrlGivesEveryAppASchemaOfItsOwn() {
        Plan plan = plan("--db-url", "jdbc:postgresql://db:5432/fleet?user=u&password=p");
        assertThat(env(plan, "billing-service").get("FLEET_DB_URL"))
                .isEqualTo("jdbc:postgresql://db:5432/fleet?user=u&password=p&currentSchema=billing_service");
        assertThat(plan("--db-url", "jdbc:postgresql://db/fleet").databaseUrl(AppKind.MONOLITH))
                .isEqualTo("jdbc:postgresql://db/fleet?currentSchema=monolith");
    }

    @Test
    void externalBrokersAndConsulReachEveryAppAndNoEmbeddedPortIsReserved() {
        Plan plan = plan("--stage", "extracted", "--kafka", "k1:9092,k2:9092", "--amqp", "amqp://u:p@rabbit:5672/%2F",
                "--consul", "http://127.0.0.1:8500/");
        assertThat(plan.embeddedKafka()).isFalse();
        assertThat(plan.ports()).doesNotContainKeys(9092, 5672);
        assertThat(env(plan, "notification-service")).containsEntry("FLEET_KAFKA_BOOTSTRAP", "k1:9092,k2:9092");
        assertThat(env(plan, "billing-service")).containsEntry("FLEET_AMQP_URI", "amqp://u:p@rabbit:5672/%2F");
        for (String id : List.of("monolith", "catalog-service", "edge-proxy", "turbine")) {
            assertThat(env(plan, id)).containsEntry("FLEET_CONSUL_URL", "http://127.0.0.1:8500");
        }
        assertThat(env(plan("--stage", "extracted"), "monolith")).containsEntry("FLEET_CONSUL_URL", "none");
    }

    @Test
    void theCommandRunsTheJarWithABoundedHeapAndTheLaunchersMarker() {
        Instance monolith = plan().first(AppKind.MONOLITH);
        assertThat(monolith.command()).containsExactly("/jdk/bin/java", "-Xmx384m", "-Dfleet.instance=monolith",
                "-Dfleet.var=/repo/var", "-Dextra=1", "-jar", "/repo/modular-monolith/app/target/fleet-monolith.jar",
                "server", "/repo/modular-monolith/app/config.yml");
        assertThat(plan().first(AppKind.EDGE).command()).endsWith("-jar", "/repo/edge-proxy/target/edge-proxy.jar");
        Plan perApp = new Plan(ROOT, VAR, UpOptions.defaults(), "java", List.of("-Da=1"),
                Map.of(AppKind.PRICING_SERVICE, List.of("-Ddw.remote.client.timeout=2s")), "k");
        assertThat(perApp.first(AppKind.PRICING_SERVICE).command()).containsSubsequence("-Da=1", "-Ddw.remote.client.timeout=2s", "-jar");
        assertThat(perApp.first(AppKind.CATALOG_SERVICE).command()).contains("-Da=1").doesNotContain("-Ddw.remote.client.timeout=2s");
        assertThat(Plan.javaOptionsVariable(AppKind.NOTIFICATION_SERVICE)).isEqualTo("FLEET_JAVA_OPTS_NOTIFICATION_SERVICE");
    }

    @Test
    void theEdgeAcceptsTheUsersKeyAndTheDemoKeysOnly() {
        String hashes = env(plan(), "edge-proxy").get("FLEET_EDGE_API_KEY_HASHES");
        assertThat(hashes.split(",")).hasSize(1 + Plan.DEMO_API_KEYS.size()).contains(Plan.sha256("k"), Plan.sha256("fleet-demo-16"));
        assertThat(Plan.sha256("fleet-dev-key")).hasSize(64).doesNotContain(",");
        assertThat(hashes).doesNotContain("fleet-demo");
    }
}
