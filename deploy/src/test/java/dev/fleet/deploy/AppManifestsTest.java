package dev.fleet.deploy;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.metrics.servlets.AdminServlet;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.fleet.deploy.KustomizeLayersTest.BASE;
import static dev.fleet.deploy.KustomizeLayersTest.LOCAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Each app's Deployment and Service against the app itself: its config.yml (from the ConfigMap, with the Deployment's
 * environment) parsed by its configuration class decides the ports, bind addresses, probes' port, the env keys that
 * mean something and the hosts of the static service table.
 */
class AppManifestsTest {
    /** Read by the JVM itself, not by config.yml. */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    @ParameterizedTest
    @EnumSource(FleetApps.class)
    void imageIsTheAppsImageAtTheProjectVersion(FleetApps app) {
        String version = System.getProperty("fleet.version");
        assertThat(version).as("system property fleet.version (set by the pom)").isNotBlank();
        assertThat(new Deployed(LOCAL, app).container.getImage()).as(app + " image").isEqualTo("fleet/" + app.name + ":" + version);
    }

    @ParameterizedTest
    @EnumSource(FleetApps.class)
    void configMapCarriesTheAppsOwnConfigYmlMountedWhereTheServerCommandReadsIt(FleetApps app) throws Exception {
        Deployed deployed = new Deployed(LOCAL, app);
        assertThat(deployed.configYml)
                .as("deploy/k8s/base/%s/config.yml must be a copy of %s (cp %s deploy/k8s/base/%s/config.yml)",
                        app, app.configYml, app.configYml, app)
                .isEqualTo(Files.readString(Deployed.root().resolve(app.configYml)));
        assertThat(deployed.container.getArgs()).as(app + " args (the image's ENTRYPOINT runs the jar)").containsExactly("server", Deployed.CONFIG_DIR + "/" + Deployed.CONFIG_KEY);

        VolumeMount mount = deployed.container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(Deployed.CONFIG_DIR)).findFirst()
                .orElseThrow(() -> new AssertionError(app + ": nothing mounted at " + Deployed.CONFIG_DIR));
        Volume volume = deployed.deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertThat(volume.getConfigMap()).as(app + " volume " + volume.getName()).isNotNull();
        assertThat(volume.getConfigMap().getName()).as(app + " config ConfigMap").isEqualTo(app.name + "-config");
    }

    @ParameterizedTest
    @EnumSource(FleetApps.class)
    void containerAndServicePortsAreTheConfiguredPortsOnEveryInterface(FleetApps app) {
        Deployed deployed = new Deployed(LOCAL, app);
        DefaultServerFactory server = (DefaultServerFactory) deployed.configuration.getServerFactory();
        HttpConnectorFactory http = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
        HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        assertThat(server.getApplicationConnectors()).hasSize(1);
        assertThat(server.getAdminConnectors()).hasSize(1);
        // the kubelet's probes and other pods reach the pod IP, not its loopback
        assertThat(http.getBindHost()).as(app + " application bindHost").isEqualTo("0.0.0.0");
        assertThat(admin.getBindHost()).as(app + " admin bindHost").isEqualTo("0.0.0.0");

        assertThat(containerPort(deployed, "http")).as(app + " container port http vs server.applicationConnectors")
                .isEqualTo(http.getPort());
        assertThat(containerPort(deployed, "admin")).as(app + " container port admin vs server.adminConnectors")
                .isEqualTo(admin.getPort());
        assertThat(deployed.container.getPorts()).hasSize(2);

        Service service = BASE.get(Service.class, app.name);
        assertThat(service.getSpec().getPorts()).as(app + " Service ports").extracting(ServicePort::getName, ServicePort::getPort,
                        p -> p.getTargetPort().getStrVal())
                .containsExactlyInAnyOrder(
                        tuple("http", http.getPort(), "http"),
                        tuple("admin", admin.getPort(), "admin"));
    }

    @ParameterizedTest
    @EnumSource(FleetApps.class)
    void probesAskTheAdminServletOnTheAdminPort(FleetApps app) {
        Deployed deployed = new Deployed(LOCAL, app);
        int adminPort = containerPort(deployed, "admin");
        HTTPGetAction startup = httpGet(deployed, "startupProbe", deployed.container.getStartupProbe());
        HTTPGetAction liveness = httpGet(deployed, "livenessProbe", deployed.container.getLivenessProbe());
        HTTPGetAction readiness = httpGet(deployed, "readinessProbe", deployed.container.getReadinessProbe());
        for (HTTPGetAction probe : List.of(startup, liveness, readiness)) {
            assertThat(port(deployed, probe.getPort())).as(app + " probe port (the admin port)").isEqualTo(adminPort);
        }
        // liveness never depends on another component: a database or broker outage must not restart the pod
        assertThat(startup.getPath()).as(app + " startupProbe path").isEqualTo(AdminServlet.DEFAULT_PING_URI);
        assertThat(liveness.getPath()).as(app + " livenessProbe path").isEqualTo(AdminServlet.DEFAULT_PING_URI);
        // readiness on every health check, except in apps that call other services: their "hystrix" check fails
        // while a circuit is open, and an unready pod would leave its Service just when its fallbacks should answer
        boolean callsServices = deployed.tree.path("remote").path("services").size() > 0;
        assertThat(readiness.getPath()).as(app + " readinessProbe path")
                .isEqualTo(callsServices ? AdminServlet.DEFAULT_PING_URI : AdminServlet.DEFAULT_HEALTHCHECK_URI);
    }

    @ParameterizedTest
    @EnumSource(FleetApps.class)
    void envSetsOnlyVariablesTheConfigYmlReads(FleetApps app) {
        Deployed deployed = new Deployed(LOCAL, app);
        Set<String> read = new TreeSet<>(JVM_VARIABLES);
        read.addAll(Deployed.variablesRead(deployed.configYml));
        assertThat(deployed.env.keySet()).as("env of " + app + " (a name config.yml does not read is a no-op)")
                .isSubsetOf(read);
    }

    @ParameterizedTest
    @EnumSource(FleetApps.class)
    void consulFreeStaticTableNamesServicesOfTheBase(FleetApps app) {
        Deployed deployed = new Deployed(LOCAL, app);
        assertThat(deployed.configuration.getConsul().enabled()).as("Consul-free mode").isFalse();
        List<URI> targets = new ArrayList<>();
        deployed.tree.path("remote").path("services").forEach(uri -> targets.add(URI.create(uri.asText())));
        if (app == FleetApps.MONOLITH || app == FleetApps.PRICING_SERVICE) {
            assertThat(targets).as("remote.services of " + app).isNotEmpty();
        }
        for (URI target : targets) {
            Service service = BASE.find(Service.class, target.getHost()).orElseThrow(() -> new AssertionError(
                    app + " calls " + target + ", but the base has no Service " + target.getHost()));
            assertThat(target.getPort()).as(app + " calls " + target + ": the port of the Service's http").isEqualTo(servicePort(service, "http"));
        }
    }

    @ParameterizedTest
    @EnumSource(FleetApps.class)
    void databaseAndBrokerHostsAreServicesOfTheLocalOverlay(FleetApps app) {
        Deployed deployed = new Deployed(LOCAL, app);
        URI database = URI.create(deployed.tree.path("database").path("url").asText().replaceFirst("^jdbc:", ""));
        assertThat(database.getScheme()).as(app + " database").isEqualTo("postgresql");
        assertThat(database.getPort()).as(app + " database port").isEqualTo(servicePort(LOCAL.get(Service.class, database.getHost()), "postgres"));
        String databaseName = database.getPath().substring(1);
        assertThat(LOCAL.configMaps.get("postgres-init").get("init.sql") + " POSTGRES_DB=fleet")
                .as("the local postgres creates database " + databaseName)
                .containsPattern("(CREATE DATABASE|POSTGRES_DB=)\\s*" + databaseName + "\\b");

        String kafka = deployed.tree.path("kafka").path("bootstrapServers").asText("none");
        if (!Set.of("none", "inprocess").contains(kafka)) {
            for (String server : kafka.split(",")) {
                URI broker = URI.create("kafka://" + server.trim());
                assertThat(broker.getPort()).as(app + " Kafka port")
                        .isEqualTo(servicePort(LOCAL.get(Service.class, broker.getHost()), "kafka"));
            }
        }
        String amqp = deployed.tree.path("amqp").path("uri").asText("none");
        if (!Set.of("none", "inprocess").contains(amqp)) {
            URI broker = URI.create(amqp);
            assertThat(broker.getPort()).as(app + " AMQP port")
                    .isEqualTo(servicePort(LOCAL.get(Service.class, broker.getHost()), "amqp"));
            Container rabbit = LOCAL.get(Deployment.class, broker.getHost())
                    .getSpec().getTemplate().getSpec().getContainers().get(0);
            String user = rabbit.getEnv().stream().filter(e -> e.getName().equals("RABBITMQ_DEFAULT_USER")).findFirst()
                    .orElseThrow().getValue();
            String pass = rabbit.getEnv().stream().filter(e -> e.getName().equals("RABBITMQ_DEFAULT_PASS")).findFirst()
                    .orElseThrow().getValue();
            assertThat(broker.getUserInfo()).as("the fleet-amqp uri's user is the local RabbitMQ's")
                    .isEqualTo(user + ":" + pass);
        }
    }

    private static int containerPort(Deployed deployed, String name) {
        return deployed.container.getPorts().stream().filter(p -> name.equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError(deployed.app + ": no container port named " + name));
    }

    private static int port(Deployed deployed, IntOrString port) {
        return port.getIntVal() != null ? port.getIntVal() : containerPort(deployed, port.getStrVal());
    }

    private static int servicePort(Service service, String name) {
        return service.getSpec().getPorts().stream().filter(p -> name.equals(p.getName()))
                .map(ServicePort::getPort).findFirst()
                .orElseThrow(() -> new AssertionError(service.getMetadata().getName() + ": no port named " + name));
    }

    private static HTTPGetAction httpGet(Deployed deployed, String which, Probe probe) {
        assertThat(probe).as(deployed.app + " " + which).isNotNull();
        assertThat(probe.getHttpGet()).as(deployed.app + " " + which + ".httpGet").isNotNull();
        return probe.getHttpGet();
    }

}
