package dev.fleet.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What {@code ./fleet up} runs, computed without starting anything: every instance with its ports and environment
 * (ports, database, brokers, static discovery table, module modes of the stage), the brokers' addresses and the
 * edge's API keys. A stage change is a new plan; the instances whose environment differs are restarted.
 */
public final class Plan {
    /** The key printed for the user; the demo keys let {@code ./fleet demo} look like many clients (sticky routing). */
    public static final String DEFAULT_API_KEY = "fleet-dev-key";
    public static final List<String> DEMO_API_KEYS = IntStream.rangeClosed(1, 16)
            .mapToObj(i -> String.format(Locale.ROOT, "fleet-demo-%02d", i)).toList();
    public static final int KAFKA_PORT = 9092;
    public static final int AMQP_PORT = 5672;

    private final Path root;
    private final Path var;
    private final UpOptions options;
    private final String java;
    private final List<String> javaOptions;
    private final Map<AppKind, List<String>> appJavaOptions;
    private final String apiKey;
    private final List<Instance> instances;

    public Plan(Path root, Path var, UpOptions options, String java, List<String> javaOptions, String apiKey) {
        this(root, var, options, java, javaOptions, Map.of(), apiKey);
    }

    /** {@code appJavaOptions}: extra JVM options of one app ({@code FLEET_JAVA_OPTS_<APP>}), after the common ones. */
    public Plan(Path root, Path var, UpOptions options, String java, List<String> javaOptions,
                Map<AppKind, List<String>> appJavaOptions, String apiKey) {
        this.root = root;
        this.var = var;
        this.options = options;
        this.java = java;
        this.javaOptions = List.copyOf(javaOptions);
        this.appJavaOptions = Map.copyOf(appJavaOptions);
        this.apiKey = apiKey;
        this.instances = build();
    }

    public Plan withStage(Stage stage) {
        UpOptions o = options;
        return new Plan(root, var, new UpOptions(stage, o.instances(), o.consulUrl(), o.kafka(), o.amqpUri(), o.dbUrl(),
                o.portOffset()), java, javaOptions, appJavaOptions, apiKey);
    }

    public Stage stage() {
        return options.stage();
    }

    public UpOptions options() {
        return options;
    }

    public Path root() {
        return root;
    }

    public Path var() {
        return var;
    }

    public String apiKey() {
        return apiKey;
    }

    /** Every instance in start order (the monolith and the services, then edge, Turbine, dashboard). */
    public List<Instance> instances() {
        return instances;
    }

    public List<Instance> instancesOf(AppKind kind) {
        return instances.stream().filter(i -> i.kind() == kind).toList();
    }

    public Instance first(AppKind kind) {
        return instancesOf(kind).get(0);
    }

    public boolean embeddedKafka() {
        return options.kafka() == null;
    }

    public boolean embeddedAmqp() {
        return options.amqpUri() == null;
    }

    public int kafkaPort() {
        return KAFKA_PORT + options.portOffset();
    }

    public int amqpPort() {
        return AMQP_PORT + options.portOffset();
    }

    public String kafkaBootstrap() {
        return embeddedKafka() ? "127.0.0.1:" + kafkaPort() : options.kafka();
    }

    /** The embedded broker's user and virtual host are EmbeddedAmqp's defaults (fleet/fleet, "default"). */
    public String amqpUri() {
        return embeddedAmqp() ? "amqp://fleet:fleet@127.0.0.1:" + amqpPort() + "/default" : options.amqpUri();
    }

    public Path routesFile() {
        return var.resolve("edge-routes.properties");
    }

    public Path logFile(Instance instance) {
        return var.resolve("logs").resolve(instance.id() + ".log");
    }

    /** Every port this plan listens on, with what it is for (to fail early and clearly when one is taken). */
    public Map<Integer, String> ports() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        if (embeddedKafka()) {
            ports.put(kafkaPort(), "embedded Kafka");
        }
        if (embeddedAmqp()) {
            ports.put(amqpPort(), "embedded AMQP broker");
        }
        for (Instance i : instances) {
            ports.put(i.port(), i.id() + (i.adminPort() == 0 ? "" : " API"));
            if (i.adminPort() != 0) {
                ports.put(i.adminPort(), i.id() + " admin");
            }
        }
        return ports;
    }

    /** The database of an app (shared by its instances): an H2 file under var/, or a schema of --db-url. */
    public String databaseUrl(AppKind kind) {
        if (options.dbUrl() != null) {
            return options.dbUrl() + (options.dbUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema(kind);
        }
        // AUTO_SERVER: several instances of one app (and catalog-service's sync command) share the file safely
        return "jdbc:h2:file:" + var.resolve(kind.appName()).resolve(h2Name(kind)).toAbsolutePath()
                + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000;AUTO_SERVER=TRUE";
    }

    /** {@code FLEET_JAVA_OPTS_MONOLITH}, {@code FLEET_JAVA_OPTS_PRICING_SERVICE}, … */
    public static String javaOptionsVariable(AppKind kind) {
        return "FLEET_JAVA_OPTS_" + kind.appName().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public static String schema(AppKind kind) {
        return kind.appName().replace('-', '_');
    }

    /** The file names the apps' own config.yml defaults use, so data of a plain {@code java -jar} run is kept. */
    private static String h2Name(AppKind kind) {
        return switch (kind) {
            case MONOLITH -> "fleet";
            case CATALOG_SERVICE -> "catalog";
            case PRICING_SERVICE -> "pricing";
            case BILLING_SERVICE -> "billing";
            case NOTIFICATION_SERVICE -> "notification";
            default -> throw new IllegalArgumentException(kind + " has no database");
        };
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Instance> build() {
        List<Instance> list = new ArrayList<>();
        for (AppKind kind : AppKind.values()) {
            int count = options.instancesOf(kind);
            for (int n = 1; n <= count; n++) {
                int port = kind.defaultPort() + options.portOffset() + 2 * (n - 1);
                int admin = kind.defaultAdminPort() == 0 ? 0 : kind.defaultAdminPort() + options.portOffset() + 2 * (n - 1);
                list.add(new Instance(n == 1 ? kind.appName() : kind.appName() + "-" + n, kind, n, port, admin, Map.of(), List.of()));
            }
        }
        List<Instance> planned = new ArrayList<>();
        for (Instance i : list) {
            Map<String, String> env = env(i, list);
            planned.add(new Instance(i.id(), i.kind(), i.number(), i.port(), i.adminPort(), env, command(i)));
        }
        return List.copyOf(planned);
    }

    private List<String> command(Instance i) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("-Xmx" + i.kind().heap());
        // marks the process as this launcher's (./fleet down finds leftovers of a launcher that was killed)
        command.add("-Dfleet.instance=" + i.id());
        command.add("-Dfleet.var=" + var.toAbsolutePath());
        command.addAll(javaOptions);
        command.addAll(appJavaOptions.getOrDefault(i.kind(), List.of()));
        command.add("-jar");
        command.add(i.kind().jar(root).toString());
        if (i.kind().isDropwizard()) {
            command.add("server");
            command.add(i.kind().config(root).toString());
        }
        return List.copyOf(command);
    }

    private Map<String, String> env(Instance i, List<Instance> all) {
        Stage stage = options.stage();
        Map<String, String> env = new LinkedHashMap<>();
        String consul = options.consulUrl() == null ? "none" : options.consulUrl();
        if (i.kind().isDropwizard()) {
            env.put("FLEET_HTTP_PORT", Integer.toString(i.port()));
            env.put("FLEET_ADMIN_PORT", Integer.toString(i.adminPort()));
            env.put("FLEET_DB_URL", databaseUrl(i.kind()));
            if (options.dbUrl() != null) {
                // the URL carries the credentials; the configs' default user "sa" is H2's
                env.put("FLEET_DB_USER", System.getenv().getOrDefault("FLEET_DB_USER", ""));
                env.put("FLEET_DB_PASSWORD", System.getenv().getOrDefault("FLEET_DB_PASSWORD", ""));
            }
            env.put("FLEET_CONSUL_URL", consul);
        }
        switch (i.kind()) {
            case MONOLITH -> {
                env.putAll(stage.monolithModes());
                env.put("FLEET_KAFKA_BOOTSTRAP", kafkaBootstrap());
                env.put("FLEET_AMQP_URI", amqpUri());
                env.put("FLEET_CATALOG_URL", firstUrl(all, AppKind.CATALOG_SERVICE));
                env.put("FLEET_PRICING_URL", firstUrl(all, AppKind.PRICING_SERVICE));
                env.put("FLEET_BILLING_URL", firstUrl(all, AppKind.BILLING_SERVICE));
                env.put("FLEET_NOTIFICATIONS_URL", firstUrl(all, AppKind.NOTIFICATION_SERVICE));
            }
            case CATALOG_SERVICE -> {
                env.put("FLEET_CATALOG_SOURCE", stage.cutOver() ? "self" : "monolith");
                env.put("FLEET_KAFKA_BOOTSTRAP", stage.cutOver() ? "none" : kafkaBootstrap());
            }
            case PRICING_SERVICE -> {
                env.put("FLEET_CATALOG_URL", firstUrl(all, AppKind.CATALOG_SERVICE));
                env.put("FLEET_CUSTOMERS_URL", firstUrl(all, AppKind.MONOLITH));
            }
            // before the cut-over the monolith consumes the charges and events itself: the services only serve their API
            case BILLING_SERVICE -> env.put("FLEET_AMQP_URI", stage.cutOver() ? amqpUri() : "none");
            case NOTIFICATION_SERVICE -> env.put("FLEET_KAFKA_BOOTSTRAP", stage.cutOver() ? kafkaBootstrap() : "none");
            case EDGE -> {
                env.put("FLEET_EDGE_PORT", Integer.toString(i.port()));
                env.put("FLEET_EDGE_ADMIN_PORT", Integer.toString(i.adminPort()));
                for (AppKind app : AppKind.dropwizardApps()) {
                    env.put("FLEET_EDGE_ORIGINS_" + app.appName().toUpperCase(Locale.ROOT).replace('-', '_'),
                            String.join(",", all.stream().filter(o -> o.kind() == app).map(Instance::hostPort).toList()));
                }
                env.put("FLEET_EDGE_ROUTES_FILE", routesFile().toAbsolutePath().toString());
                List<String> keys = new ArrayList<>(List.of(apiKey));
                keys.addAll(DEMO_API_KEYS);
                env.put("FLEET_EDGE_API_KEY_HASHES", String.join(",", keys.stream().map(Plan::sha256).toList()));
                env.put("FLEET_CONSUL_URL", consul);
            }
            case TURBINE -> {
                env.put("FLEET_TURBINE_PORT", Integer.toString(i.port()));
                env.put("FLEET_TURBINE_INSTANCES", String.join(",", all.stream().filter(o -> o.kind().isDropwizard())
                        .map(o -> o.kind().appName() + "=" + o.adminUrl("/hystrix.stream")).toList()));
                env.put("FLEET_CONSUL_URL", consul);
            }
            case DASHBOARD -> {
                env.put("FLEET_DASHBOARD_PORT", Integer.toString(i.port()));
                env.put("FLEET_TURBINE_URL", "http://127.0.0.1:" + first(all, AppKind.TURBINE).port());
            }
        }
        return Map.copyOf(env);
    }

    private static Instance first(List<Instance> all, AppKind kind) {
        return all.stream().filter(i -> i.kind() == kind).findFirst().orElseThrow();
    }

    /** The static discovery table holds one address per service: the first instance (with Consul, all of them). */
    private static String firstUrl(List<Instance> all, AppKind kind) {
        return first(all, kind).url("");
    }
}
