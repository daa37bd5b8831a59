package dev.fleet.loadtests.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.loadtests.Machine;
import dev.fleet.loadtests.edge.BenchSettings.Target;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * {@code ./mvnw -q -pl load-tests -am compile exec:exec -Dbench.main=dev.fleet.loadtests.edge.EdgeBenchmark}
 * (issue 9, "Edge"): starts the monolith alone, the Zuul edge, nginx and HAProxy in front of it (ports
 * {@code BENCH_PORT_BASE}…+31, files under load-tests/target/edge-bench/), primes them, then sends the same
 * fixed-rate load with {@link EdgeSimulation} to each in turn, in rounds of alternating order — direct, the
 * baseline, is one of them — and writes the Markdown of {@link EdgeReport} to stdout and
 * {@code <bench.results>/edge-<date>[-quick].md}. Settings: {@link BenchSettings}. Everything it started is stopped
 * at the end, on failure and on Ctrl-C.
 */
public final class EdgeBenchmark {
    static final String API_KEY = "fleet-bench-key";
    private static final List<String> APPS = List.of("MONOLITH", "CATALOG_SERVICE", "PRICING_SERVICE", "BILLING_SERVICE",
            "NOTIFICATION_SERVICE");

    private final List<Child> children = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private EdgeBenchmark() {
    }

    public static void main(String[] args) {
        int status;
        try {
            BenchSettings settings = BenchSettings.from(System.getenv());
            String report = new EdgeBenchmark().measure(settings);
            System.out.println(report);
            Path resultsDir = Path.of(System.getProperty("bench.results", "results"));
            Files.createDirectories(resultsDir);
            Path file = resultsDir.resolve("edge-" + LocalDate.now() + (settings.quick() ? "-quick" : "") + ".md");
            Files.writeString(file, report);
            log("written to " + file.toAbsolutePath());
            status = 0;
        } catch (IllegalArgumentException | IllegalStateException e) {
            // our own failures say what to do; a stack trace would bury it
            System.err.println("EdgeBenchmark: " + e.getMessage());
            status = 1;
        } catch (Exception e) {
            System.err.println("EdgeBenchmark failed:");
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // Gatling may leave non-daemon threads behind
    }

    /** Runs the benchmark with the settings of the environment (BENCH_*); the Markdown (for {@code Benchmarks}). */
    public static String report() throws Exception {
        return new EdgeBenchmark().measure(BenchSettings.from(System.getenv()));
    }

    private String measure(BenchSettings settings) throws Exception {
        OffsetDateTime started = OffsetDateTime.now();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path root = repositoryRoot();
        Path monolithJar = root.resolve("modular-monolith/app/target/fleet-monolith.jar");
        Path edgeJar = root.resolve("edge-proxy/target/edge-proxy.jar");
        for (Path jar : List.of(monolithJar, edgeJar)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing; build it first: "
                        + "./mvnw -B -ntp -q package -DskipTests -pl modular-monolith/app,edge-proxy,load-tests -am");
            }
        }
        Map<Target, Path> binaries = new LinkedHashMap<>();
        for (Target t : List.of(Target.NGINX, Target.HAPROXY)) {
            if (settings.targets().contains(t)) {
                binaries.put(t, binary(t.id).orElseThrow(() -> new IllegalStateException(t.id + " is not installed "
                        + "(no " + t.id + " on PATH nor in /usr/sbin): apt-get install nginx haproxy, or leave it out "
                        + "with BENCH_TARGETS=" + String.join(",", settings.targets().stream().filter(x -> x != t)
                        .map(x -> x.id).toList()))));
            }
        }
        List<Integer> ports = new ArrayList<>(List.of(settings.monolithPort(), settings.monolithAdminPort()));
        for (Target t : settings.targets()) {
            ports.add(settings.port(t));
        }
        if (settings.targets().contains(Target.ZUUL)) {
            ports.add(settings.zuulAdminPort());
        }
        for (int port : ports) {
            if (!free(port)) {
                throw new IllegalStateException("port " + port + " on 127.0.0.1 is in use; the benchmark uses "
                        + "BENCH_PORT_BASE (" + settings.portBase() + ") … +31: choose another with BENCH_PORT_BASE");
            }
        }
        Path dir = root.resolve("load-tests/target/edge-bench")
                .resolve(started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        log("files and logs of this run: " + dir);

        Thread hook = new Thread(this::stopAll, "edge-bench-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        List<Measurement.Result> results = new ArrayList<>();
        Map<String, String> configs = new LinkedHashMap<>();
        List<String> versions = new ArrayList<>();
        int workers = Runtime.getRuntime().availableProcessors();
        try {
            Child monolith = startMonolith(settings, monolithJar, root, dir);
            if (settings.targets().contains(Target.ZUUL)) {
                versions.add("Zuul " + zuulVersion(edgeJar) + " (Fleet's edge-proxy, " + workers + " Netty event loops = cores)");
                startEdge(settings, edgeJar, dir);
            }
            for (Map.Entry<Target, Path> b : binaries.entrySet()) {
                Target t = b.getKey();
                Path own = Files.createDirectories(dir.resolve(t.id));
                ProxyConfigs.Setup setup = new ProxyConfigs.Setup(own, settings.port(t), settings.monolithPort(), workers);
                if (t == Target.NGINX) {
                    String conf = ProxyConfigs.nginx(setup);
                    configs.put("nginx.conf", conf);
                    Files.writeString(own.resolve("nginx.conf"), conf);
                    versions.add(version(b.getValue(), "-v").replace("nginx version: ", ""));
                    children.add(Child.start("nginx", List.of(b.getValue().toString(), "-p", own.toString(), "-e",
                            own.resolve("error.log").toString(), "-c", own.resolve("nginx.conf").toString()),
                            Map.of(), own, own.resolve("nginx.out")));
                } else {
                    String cfg = ProxyConfigs.haproxy(setup);
                    configs.put("haproxy.cfg", cfg);
                    Files.writeString(own.resolve("haproxy.cfg"), cfg);
                    versions.add(version(b.getValue(), "-v").replace(" version ", " ").replaceAll(" \\d{4}/\\d\\d/\\d\\d.*", ""));
                    children.add(Child.start("haproxy", List.of(b.getValue().toString(), "-db", "-f",
                            own.resolve("haproxy.cfg").toString()), Map.of(), own, own.resolve("haproxy.log")));
                }
            }
            versions.add("Gatling " + gatlingVersion());
            monolith.awaitReady(() -> ok("http://127.0.0.1:" + settings.monolithAdminPort() + "/healthcheck"), 240);
            log("monolith healthy");
            for (Target t : settings.targets()) {
                Child c = t == Target.DIRECT ? monolith : children.stream().filter(x -> x.name().equals(t.id)).findFirst().orElseThrow();
                c.awaitReady(() -> ok(url(settings, t) + "/api/cars"), 60);
            }
            List<String> cars = carIds(url(settings, Target.DIRECT));
            prime(settings, cars, dir);
            settle(settings);
            Map<Target, List<Measurement.Run>> runs = new EnumMap<>(Target.class);
            for (int round = 1; round <= settings.rounds(); round++) {
                for (Target t : settings.order(round)) {
                    runs.computeIfAbsent(t, x -> new ArrayList<>()).add(load(settings, t, round, cars, dir));
                    settle(settings);
                }
            }
            for (Target t : settings.targets()) {
                Measurement.Result r = Measurement.of(t.id, runs.get(t), settings.warmup(), settings.window());
                results.add(r);
                log(String.format(Locale.ROOT, "%s, all rounds: %.1f OK/s, p50 %s ms, p99 %s ms, errors %s", t.id,
                        r.okPerSecond(), EdgeReport.ms(r.p50Ms()), EdgeReport.ms(r.p99Ms()), Measurement.describe(r.errors())));
            }
        } finally {
            stopAll();
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return EdgeReport.markdown(new EdgeReport.Run(started, Machine.line(loadBefore, loadAfter), versions,
                settings, workers, configs), results);
    }

    private Child startMonolith(BenchSettings s, Path jar, Path root, Path dir) throws IOException {
        Path own = Files.createDirectories(dir.resolve("monolith"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FLEET_HTTP_PORT", Integer.toString(s.monolithPort()));
        env.put("FLEET_ADMIN_PORT", Integer.toString(s.monolithAdminPort()));
        // its own H2 file, migrated and seeded at start (the launcher's URL, without AUTO_SERVER: one instance)
        env.put("FLEET_DB_URL", "jdbc:h2:file:" + own.resolve("fleet").toAbsolutePath()
                + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
        env.put("FLEET_CONSUL_URL", "none");
        env.put("FLEET_KAFKA_BOOTSTRAP", "inprocess");
        env.put("FLEET_AMQP_URI", "inprocess");
        Child c = Child.start("monolith", List.of(java(), "-Xmx384m", "-jar", jar.toString(), "server",
                root.resolve("modular-monolith/app/config.yml").toString()), env, own, own.resolve("monolith.log"));
        children.add(c);
        return c;
    }

    private void startEdge(BenchSettings s, Path jar, Path dir) throws Exception {
        Path own = Files.createDirectories(dir.resolve("zuul"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FLEET_EDGE_PORT", Integer.toString(s.port(Target.ZUUL)));
        env.put("FLEET_EDGE_ADMIN_PORT", Integer.toString(s.zuulAdminPort()));
        for (String app : APPS) { // every route ends at the one monolith
            env.put("FLEET_EDGE_ORIGINS_" + app, "127.0.0.1:" + s.monolithPort());
        }
        env.put("FLEET_EDGE_API_KEY_HASHES", sha256(API_KEY));
        // one client sends everything: the per-key rate limit and the origin concurrency limit would measure themselves
        env.put("FLEET_EDGE_RATE_LIMIT_CAPACITY", "1000000");
        env.put("FLEET_EDGE_RATE_LIMIT_REFILL_PER_SECOND", "1000000");
        env.put("FLEET_EDGE_CONCURRENCY_MAX_REQUESTS", "100000");
        env.put("FLEET_EDGE_SHUTDOWN_SECONDS", "1");
        env.put("FLEET_EDGE_ROUTES_FILE", "none");
        env.put("FLEET_CONSUL_URL", "none");
        // Ribbon's 50 connections per origin host (not an edge setting; Archaius reads system properties): past it
        // Zuul answers 503 at once where nginx and HAProxy open another connection
        Child c = Child.start("zuul", List.of(java(), "-Xmx256m", "-Dmonolith.ribbon.MaxConnectionsPerHost=8000", "-jar",
                jar.toString()), env, own, own.resolve("edge.log"));
        children.add(c);
        c.awaitReady(() -> ok("http://127.0.0.1:" + s.zuulAdminPort() + "/health"), 120);
    }

    /** One target in one round: its warm-up and measured window in one Gatling run. */
    private Measurement.Run load(BenchSettings s, Target t, int round, List<String> cars, Path dir) {
        log("round " + round + ", " + t.id + ": " + s.warmup().toSeconds() + " s warm-up + " + s.window().toSeconds()
                + " s measured at " + s.rate() + " requests/s → " + url(s, t));
        long ramp = s.warmup().toSeconds() / 2;
        gatling(url(s, t), s.rate(), ramp, s.warmup().toSeconds() - ramp + s.window().toSeconds(), cars, dir, t.id + "-" + round);
        Measurement.Run run = new Measurement.Run(EdgeSimulation.SAMPLES, EdgeSimulation.FIRST_ARRIVAL.get());
        writeSamples(run, dir.resolve("samples-" + round + "-" + t.id + ".csv"));
        Measurement.Result r = Measurement.of(t.id, List.of(run), s.warmup(), s.window());
        log(String.format(Locale.ROOT, "round %d, %s: %.1f OK/s, p50 %s ms, p99 %s ms, errors %s", round, t.id,
                r.okPerSecond(), EdgeReport.ms(r.p50Ms()), EdgeReport.ms(r.p99Ms()), Measurement.describe(r.errors())));
        return run;
    }

    /** Every request of a run, for a closer look than the report's (ms since the first arrival, µs, status). */
    private static void writeSamples(Measurement.Run run, Path file) {
        StringBuilder csv = new StringBuilder("arrivalMs,latencyMicros,status\n");
        run.samples().stream().sorted(Comparator.comparingLong(Measurement.Sample::start)).forEach(x ->
                csv.append((x.start() - run.t0()) / 1_000_000).append(',').append((x.end() - x.start()) / 1_000)
                        .append(',').append(x.status()).append('\n'));
        try {
            Files.writeString(file, csv);
        } catch (IOException e) {
            log("cannot write " + file + ": " + e);
        }
    }

    /**
     * Before any target, discarded: through the edge when it is a target (else direct), so both JVMs — the
     * monolith's and Zuul's — have compiled their hot paths and filled their pools before anything is measured.
     */
    private void prime(BenchSettings s, List<String> cars, Path dir) {
        Target via = s.targets().contains(Target.ZUUL) ? Target.ZUUL : Target.DIRECT;
        log("priming: " + s.prime().toSeconds() + " s up to " + s.primeRate() + " requests/s through " + via.id + ", discarded");
        // half ramp, half hold: a shorter ramp hits a cold Zuul too hard at high rates (it opens a connection per
        // waiting request and collapses), a longer one (or a shorter hold) leaves the monolith measurably colder
        // for the first target than for the last
        long ramp = s.prime().toSeconds() / 2;
        gatling(url(s, via), s.primeRate(), ramp, s.prime().toSeconds() - ramp, cars, dir, "prime");
        long ok = EdgeSimulation.SAMPLES.stream().filter(Measurement.Sample::ok).count();
        log("primed: " + ok + " of " + EdgeSimulation.SAMPLES.size() + " requests answered 200");
    }

    /**
     * One Gatling run in this JVM: {@code rampSeconds} ramping up to {@code rate}, then {@code holdSeconds} at it.
     * The samples are left in {@link EdgeSimulation#SAMPLES}.
     */
    private void gatling(String url, double rate, long rampSeconds, long holdSeconds, List<String> cars, Path dir,
                         String name) {
        System.setProperty(EdgeSimulation.URL, url);
        System.setProperty(EdgeSimulation.RATE, Double.toString(rate));
        System.setProperty(EdgeSimulation.RAMP, Long.toString(rampSeconds));
        System.setProperty(EdgeSimulation.SECONDS, Long.toString(holdSeconds));
        System.setProperty(EdgeSimulation.API_KEY, API_KEY);
        System.setProperty(EdgeSimulation.CARS, String.join(",", cars));
        // Gatling's console summary every 5 s would mix with the report on stdout: its simulation.log is enough
        System.setProperty("gatling.data.writers.0", "file");
        EdgeSimulation.reset();
        String[] args = {"-s", EdgeSimulation.class.getName(), "-rf", dir.resolve("gatling").toString(), "-nr",
                "-rd", "edge benchmark: " + name};
        // Gatling's own lines ("Simulation … started") go to stderr with the progress: stdout is the report
        int code = scala.Console.withOut(System.err, () -> io.gatling.app.Gatling$.MODULE$.fromArgs(args));
        if (code != 0) {
            throw new IllegalStateException("Gatling ended with status " + code + " on " + name);
        }
        if (EdgeSimulation.SAMPLES.isEmpty() || EdgeSimulation.FIRST_ARRIVAL.get() == Long.MIN_VALUE) {
            throw new IllegalStateException("Gatling recorded no request on " + name);
        }
    }

    /**
     * Waits (up to 30 s) until the monolith answers directly in under 100 ms three times in a row: a target that
     * overloaded it leaves abandoned requests in its queues, which the next target should not pay for.
     */
    private void settle(BenchSettings s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int fast = 0;
        while (fast < 3 && System.nanoTime() < deadline) {
            long start = System.nanoTime();
            boolean ok = ok(url(s, Target.DIRECT) + "/api/cars");
            fast = ok && System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(100) ? fast + 1 : 0;
            Thread.sleep(fast == 0 ? 500 : 50);
        }
        if (fast < 3) {
            log("the monolith is still slow 30 s after the load; going on");
        }
    }

    private synchronized void stopAll() {
        // the proxies first, the monolith last: nothing is left forwarding to a stopped backend
        for (int i = children.size() - 1; i >= 0; i--) {
            Child c = children.get(i);
            c.close();
            log("stopped " + c.name() + " (pid " + c.pid() + ")");
        }
        children.clear();
    }

    private List<String> carIds(String base) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cars"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        List<String> ids = new ArrayList<>();
        for (JsonNode car : new ObjectMapper().readTree(response.body())) {
            ids.add(car.path("id").asText());
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("the monolith lists no cars at " + base + "/api/cars");
        }
        return ids;
    }

    private boolean ok(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", API_KEY)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String url(BenchSettings s, Target t) {
        return "http://127.0.0.1:" + s.port(t);
    }

    /** The repository root: the working directory of exec:exec is the module, so look upwards. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("modular-monolith/app/config.yml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (modular-monolith/app/config.yml) above "
                + Path.of("").toAbsolutePath() + ": run from the repository");
    }

    /** nginx and haproxy live in /usr/sbin, which a non-root PATH often lacks. */
    private static Optional<Path> binary(String name) {
        Stream<String> dirs = Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
                Stream.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
        return dirs.filter(d -> !d.isBlank()).map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    /** The first line the binary prints for {@code flag} (nginx prints it on stderr). */
    private static String version(Path binary, String flag) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary.toString(), flag).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().findFirst().orElse(binary.getFileName() + " (unknown version)").trim();
    }

    /** zuul-core's build info, inside the edge's fat jar. */
    private static String zuulVersion(Path edgeJar) {
        try (JarFile jar = new JarFile(edgeJar.toFile())) {
            var entry = jar.getEntry("META-INF/zuul-core.properties");
            if (entry != null) {
                try (InputStream in = jar.getInputStream(entry)) {
                    Properties p = new Properties();
                    p.load(in);
                    return p.getProperty("Implementation-Version", "(unknown version)");
                }
            }
        } catch (IOException e) {
            // fall through: the report says it does not know
        }
        return "(unknown version)";
    }

    private static String gatlingVersion() {
        String jar = io.gatling.app.Gatling.class.getProtectionDomain().getCodeSource().getLocation().getPath();
        String name = jar.substring(jar.lastIndexOf('/') + 1);
        return name.matches("gatling-app-.+\\.jar") ? name.substring("gatling-app-".length(), name.length() - 4) : "(unknown version)";
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void log(String line) {
        System.err.println("edge-bench | " + line);
    }
}
