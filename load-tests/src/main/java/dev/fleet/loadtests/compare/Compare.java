package dev.fleet.loadtests.compare;

import dev.fleet.loadtests.gatling.FleetWorkload;
import dev.fleet.loadtests.gatling.RequestLog;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./fleet compare}: for each stage, starts Fleet ({@code ./fleet up --stage}), then for each scenario runs
 * {@link FleetWorkload} (Gatling, its own JVM) through the edge while sampling Turbine, applies the scenario's faults
 * with the {@code ./fleet} commands, audits that every reservation got its invoice and notification, and writes
 * {@code <out>/compare-<timestamp>/} with summary.md, index.html and each run's request log, Turbine samples and
 * Gatling report. See docs/performance.md.
 */
public final class Compare {
    private static final Duration AUDIT_DEADLINE = Duration.ofSeconds(90);

    private final CompareOptions options;
    private final Path root;
    private final Path dir;
    private final FleetControl fleet;
    private final List<RunResult> results = Collections.synchronizedList(new ArrayList<>());
    /** The Gatling JVM of the current run, stopped too on Ctrl-C. */
    private volatile Process currentGatling;

    Compare(CompareOptions options, Path root, Path dir) {
        this.options = options;
        this.root = root;
        this.dir = dir;
        this.fleet = new FleetControl(root);
    }

    public static void main(String[] args) {
        CompareOptions options;
        try {
            options = CompareOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("fleet compare: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("fleet.root", ".")).toAbsolutePath().normalize();
        Path out = options.out().isAbsolute() ? options.out() : root.resolve(options.out());
        Path dir = out.resolve("compare-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            System.exit(new Compare(options, root, dir).run());
        } catch (Exception e) {
            System.err.println("fleet compare: " + e.getMessage());
            System.exit(1);
        }
    }

    int run() throws Exception {
        fleet.requireNotRunning();
        Files.createDirectories(dir);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Thread cleanup = new Thread(() -> {
            Process running = currentGatling;
            if (running != null) {
                running.destroy();
            }
            fleet.down();
        }, "compare-down");
        Runtime.getRuntime().addShutdownHook(cleanup);
        say("writing to " + dir);
        for (String stage : options.stages()) {
            say(stage + ": ./fleet up --stage " + stage);
            fleet.up(stage, dir.resolve("fleet-" + stage + ".log"));
            try {
                warmUp(stage);
                for (Scenario scenario : options.scenarios()) {
                    results.add(runOne(stage, scenario));
                    CompareReport.write(dir, options, loadBefore, Double.NaN, results);
                }
            } finally {
                say(stage + ": ./fleet down");
                fleet.down();
            }
        }
        Runtime.getRuntime().removeShutdownHook(cleanup);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        CompareReport.write(dir, options, loadBefore, loadAfter, results);
        System.out.println(Files.readString(dir.resolve("summary.md")));
        say("report: " + dir.resolve("index.html"));
        // nothing may be lost, whatever the fault: a lost message fails the command (and the CI smoke run)
        List<String> lost = results.stream().filter(r -> r.lostInvoices() + r.lostNotifications() > 0)
                .map(r -> r.dir() + " (" + r.lostInvoices() + " invoices, " + r.lostNotifications() + " notifications: "
                        + dir.resolve(r.dir()).resolve("lost.txt") + ")").toList();
        if (!lost.isEmpty()) {
            say("LOST MESSAGES in " + String.join("; ", lost));
            return 3;
        }
        return 0;
    }

    private RunResult runOne(String stage, Scenario scenario) throws Exception {
        String name = stage + "-" + scenario.label();
        Path runDir = Files.createDirectories(dir.resolve(name));
        Path requests = runDir.resolve("requests.csv");
        List<RunResult.RunEvent> events = new ArrayList<>();
        say(name + ": " + scenario.description());
        for (List<String> command : scenario.before()) {
            fleet.run(command);
            events.add(new RunResult.RunEvent(System.currentTimeMillis(), String.join(" ", command)));
        }
        String edge = "http://127.0.0.1:" + fleet.port("edge-proxy");
        long startedAt;
        try (TurbineSampler turbine = new TurbineSampler(fleet.port("turbine"))) {
            Process gatling = startGatling(edge, requests, runDir, name, options.ramp(), options.duration());
            startedAt = awaitFirstRequest(gatling, requests, runDir);
            long steadyFrom = startedAt + options.ramp().toMillis();
            long steadyTo = steadyFrom + options.duration().toMillis();
            if (!scenario.midRun().isEmpty()) {
                sleepUntil(steadyFrom + options.duration().toMillis() / 2);
                for (List<String> command : scenario.midRun()) {
                    events.add(new RunResult.RunEvent(System.currentTimeMillis(), String.join(" ", command)));
                    fleet.run(command);
                }
            }
            awaitGatling(gatling, options.duration(), runDir, name);
            List<TurbinePoint> points = turbine.points();
            TurbinePoint.write(runDir.resolve("turbine.csv"), points);
            for (List<String> command : scenario.after()) {
                fleet.run(command);
                events.add(new RunResult.RunEvent(System.currentTimeMillis(), String.join(" ", command)));
            }
            List<RequestSample> samples = RequestSample.read(requests);
            // the first arrival, from the log itself (the file watch above only needed to be close enough)
            long firstArrival = samples.stream().mapToLong(r -> r.at() - r.millis()).min().orElse(startedAt);
            long shift = firstArrival - startedAt;
            startedAt = firstArrival;
            steadyFrom += shift;
            steadyTo += shift;
            Set<String> created = new TreeSet<>();
            samples.stream().filter(r -> !r.reservation().isEmpty()).forEach(r -> created.add(r.reservation()));
            say(name + ": " + samples.size() + " requests; checking the invoices and notifications of " + created.size() + " reservations");
            MessageAudit.Result audit = new MessageAudit(edge, fleet.apiKey()).check(created, AUDIT_DEADLINE);
            writeLost(runDir, audit);
            RunResult result = new RunResult(stage, scenario, startedAt, steadyFrom, steadyTo, samples, points, events,
                    audit.reservations(), audit.missingInvoices().size(), audit.missingNotifications().size(), name);
            RunResult.Summary s = result.summary();
            say(String.format(java.util.Locale.ROOT, "%s: p50 %.0f ms, p99 %.0f ms, %.1f ok/s, errors %.1f %%, fallbacks %.1f %%, lost %d",
                    name, s.p50(), s.p99(), s.throughput(), s.errorPercent(), s.fallbackPercent(), s.lostMessages()));
            return result;
        }
    }

    /**
     * Fresh JVMs answer slowly until the JIT has compiled their hot paths: the workload at the run's rate for
     * {@code --warmup} first, kept apart ({@code <stage>-warmup/}) and out of the numbers.
     */
    private void warmUp(String stage) throws Exception {
        if (options.warmup().isZero()) {
            return;
        }
        say(stage + ": warming up for " + options.warmup().toSeconds() + " s");
        Path runDir = Files.createDirectories(dir.resolve(stage + "-warmup"));
        Process gatling = startGatling("http://127.0.0.1:" + fleet.port("edge-proxy"), runDir.resolve("requests.csv"), runDir,
                stage + "-warmup", options.ramp(), options.warmup());
        awaitGatling(gatling, options.warmup(), runDir, stage + "-warmup");
    }

    /** Waits for a Gatling JVM that runs the ramp and then {@code duration}; a failed or overdue one is an error. */
    private void awaitGatling(Process gatling, Duration duration, Path runDir, String name) throws InterruptedException {
        long budget = options.ramp().plus(duration).plusMinutes(2).toSeconds();
        if (!gatling.waitFor(budget, TimeUnit.SECONDS)) {
            gatling.destroyForcibly();
            throw new IllegalStateException(name + ": Gatling still running after " + budget + " s: see " + runDir.resolve("gatling.log"));
        }
        if (gatling.exitValue() != 0) {
            throw new IllegalStateException(name + ": Gatling failed (exit " + gatling.exitValue() + "): see " + runDir.resolve("gatling.log"));
        }
    }

    /** Gatling in its own JVM on this one's classpath, so each run starts clean and a crash stays contained. */
    private Process startGatling(String edge, Path requests, Path runDir, String name, Duration ramp, Duration duration)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        // the JVM options Gatling's own launchers pass (its stats writer reaches into java.lang)
        List<String> command = List.of(java, "-Xmx1g", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "-Dfleet.edge=" + edge, "-Dfleet.rate=" + options.rate(),
                "-Dfleet.duration=" + duration.toSeconds() + "s", "-Dfleet.ramp=" + ramp.toSeconds() + "s",
                "-Dfleet.requestLog=" + requests, "io.gatling.app.Gatling", "-s", FleetWorkload.class.getName(),
                "-rf", runDir.resolve("gatling").toString(), "-rd", name);
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(runDir.resolve("gatling.log").toFile()).start();
        currentGatling = process;
        return process;
    }

    private static long awaitFirstRequest(Process gatling, Path requests, Path runDir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (Files.exists(requests) && Files.size(requests) > RequestLog.HEADER.length() + 1) {
                return System.currentTimeMillis();
            }
            if (!gatling.isAlive()) {
                throw new IllegalStateException("Gatling stopped before its first request: see " + runDir.resolve("gatling.log"));
            }
            Thread.sleep(100);
        }
        gatling.destroyForcibly();
        throw new IllegalStateException("Gatling sent no request within 90 s: see " + runDir.resolve("gatling.log"));
    }

    private static void writeLost(Path runDir, MessageAudit.Result audit) throws IOException {
        List<String> lines = new ArrayList<>();
        audit.missingInvoices().forEach(id -> lines.add(id + " invoice"));
        audit.missingNotifications().forEach(id -> lines.add(id + " notification"));
        Files.write(runDir.resolve("lost.txt"), lines);
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static void say(String line) {
        System.err.println("compare | " + line);
    }
}
