package dev.fleet.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.edge.EdgeSettings;
import dev.fleet.platform.app.FleetAppConfiguration;
import dev.fleet.turbine.TurbineConfig;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.metrics.servlets.AdminServlet;
import org.apache.commons.text.StringSubstitutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app as its compose service runs it: its own settings code (config.yml through the configuration class,
 * {@link EdgeSettings}, {@link TurbineConfig}, the dashboard's DashboardMain) fed the service's environment, and what that
 * makes it do — the addresses it binds, the ports it listens on, where its health check must ask, which variables
 * it reads at all.
 */
final class InContainer {
    private static final String DASHBOARD_MAIN = "src/main/java/dev/fleet/dashboard/DashboardMain.java";
    private static final Pattern DASHBOARD_VARIABLE = Pattern.compile("\"(FLEET_[A-Z0-9_]+)\"");

    final AppModule module;
    final Map<String, String> env;
    final List<String> bindHosts;
    /** The port clients (and the edge) use. */
    final int apiPort;
    /** Every port it listens on. */
    final Set<Integer> ports;
    final int healthPort;
    final String healthPath;
    final Predicate<String> reads;
    /** Dropwizard apps only (else null): the parsed configuration and the substituted config.yml. */
    final FleetAppConfiguration configuration;
    final JsonNode tree;

    private InContainer(AppModule module, Map<String, String> env, List<String> bindHosts, int apiPort,
                        Set<Integer> ports, int healthPort, String healthPath, Predicate<String> reads,
                        FleetAppConfiguration configuration, JsonNode tree) {
        this.module = module;
        this.env = env;
        this.bindHosts = bindHosts;
        this.apiPort = apiPort;
        this.ports = new TreeSet<>(ports);
        this.healthPort = healthPort;
        this.healthPath = healthPath;
        this.reads = reads;
        this.configuration = configuration;
        this.tree = tree;
    }

    static InContainer of(AppModule module, Compose compose) {
        Map<String, String> env = compose.service(module.artifactId()).env();
        if (module.dropwizard().isPresent()) {
            return dropwizard(module, module.dropwizard().get(), env);
        }
        return switch (module.artifactId()) {
            case "edge-proxy" -> edge(module, env);
            case "turbine" -> turbine(module, env);
            case "hystrix-dashboard" -> dashboard(module, env);
            default -> throw new AssertionError("app module " + module + " is new here: teach InContainer how it reads its settings");
        };
    }

    /** config.yml with the env, parsed and validated by the app's configuration class as {@code server} would. */
    private static InContainer dropwizard(AppModule module, FleetApps app, Map<String, String> env) {
        String yml = Layer.text(Deployed.root().resolve(app.configYml));
        StringSubstitutor substitutor = Deployed.substitutor(env);
        FleetAppConfiguration configuration = Deployed.parse(app, yml, substitutor);
        JsonNode tree = Deployed.tree(yml, substitutor);
        DefaultServerFactory server = (DefaultServerFactory) configuration.getServerFactory();
        HttpConnectorFactory http = (HttpConnectorFactory) server.getApplicationConnectors().get(0);
        HttpConnectorFactory admin = (HttpConnectorFactory) server.getAdminConnectors().get(0);
        // the deploy/k8s readiness rule: an app that calls services has a "hystrix" check that fails while a circuit
        // is open; its health check must not depend on that
        boolean callsServices = tree.path("remote").path("services").size() > 0;
        return new InContainer(module, env, List.of(http.getBindHost(), admin.getBindHost()), http.getPort(),
                Set.of(http.getPort(), admin.getPort()), admin.getPort(),
                callsServices ? AdminServlet.DEFAULT_PING_URI : AdminServlet.DEFAULT_HEALTHCHECK_URI,
                Deployed.variablesRead(yml)::contains, configuration, tree);
    }

    /** EdgeSettings.load with the env; edge.bind serves the admin port too. */
    private static InContainer edge(AppModule module, Map<String, String> env) {
        EdgeSettings settings = EdgeSettings.load(env, Map.of());
        int port = settings.getInt("edge.port", -1);
        int adminPort = settings.getInt("edge.adminPort", -1);
        return new InContainer(module, env, List.of(settings.get("edge.bind", "")), port, Set.of(port, adminPort),
                adminPort, "/health", InContainer::edgeReads, null, null);
    }

    /** Whether EdgeSettings turns this variable into a setting: set alone, its value must show up among them. */
    static boolean edgeReads(String variable) {
        if (variable.equals("FLEET_EDGE_CONFIG")) {
            return true;   // a file name, read as a whole
        }
        String marker = "compose-check-" + variable;
        return EdgeSettings.load(Map.of(variable, marker), Map.of()).withPrefix("").containsValue(marker);
    }

    private static InContainer turbine(AppModule module, Map<String, String> env) {
        TurbineConfig config;
        String properties;
        try (InputStream in = TurbineConfig.class.getResourceAsStream("/turbine.properties")) {
            properties = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            config = TurbineConfig.load(null, env::get);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new InContainer(module, env, List.of(config.host()), config.port(), Set.of(config.port()), config.port(),
                "/clusters", Deployed.variablesRead(properties)::contains, null, null);
    }

    /** DashboardMain reads its three variables by name; the port and host must be set, not left to its defaults. */
    private static InContainer dashboard(AppModule module, Map<String, String> env) {
        String source = Layer.text(Deployed.root().resolve(module.dir()).resolve(DASHBOARD_MAIN));
        Set<String> read = new TreeSet<>();
        Matcher matcher = DASHBOARD_VARIABLE.matcher(source);
        while (matcher.find()) {
            read.add(matcher.group(1));
        }
        int port = Integer.parseInt(required(module, env, "FLEET_DASHBOARD_PORT"));
        return new InContainer(module, env, List.of(required(module, env, "FLEET_DASHBOARD_HOST")), port, Set.of(port),
                port, "/hystrix/index.html", read::contains, null, null);
    }

    private static String required(AppModule module, Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new AssertionError("compose service " + module + " must set " + name);
        }
        return value.trim();
    }

    @Override
    public String toString() {
        return module.toString();
    }
}
