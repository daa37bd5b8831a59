package dev.fleet.launcher;

import dev.fleet.brokers.EmbeddedAmqp;
import dev.fleet.brokers.EmbeddedKafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * {@code ./fleet up}: the embedded brokers in this JVM, every app in a JVM of its own, in order (the monolith and the
 * services, then edge, Turbine and dashboard), each waited for until healthy; then the table of URLs and the ready
 * line. Stops in reverse order on Ctrl-C, SIGTERM or {@code ./fleet down}. Anything that fails on the way stops
 * what was already started and names the app and its log.
 */
public final class Launcher {
    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("fleet.startTimeoutSeconds", 240));
    static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Console console;
    private final Map<String, Child> children = new LinkedHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Instant started = Instant.now();
    private Plan plan;
    private EmbeddedKafka kafka;
    private EmbeddedAmqp amqp;
    private ControlServer control;
    private boolean stopping;

    public Launcher(Plan plan, Console console) {
        this.plan = plan;
        this.console = console;
    }

    /** Starts everything and blocks until the system is stopped. */
    public void run() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "fleet-stop"));
        try {
            start();
        } catch (RuntimeException e) {
            if (isStopping()) {
                // Ctrl-C or ./fleet down while starting: the stop in progress explains the failure
                awaitStopped();
                return;
            }
            console.info("FAILED: " + e.getMessage());
            console.info("stopping what was started");
            stopAll();
            throw e;
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void start() {
        cleanUpAfterKilledLauncher();
        checkJars();
        checkPortsFree();
        createSchemas();
        try {
            Files.createDirectories(plan.var().resolve("logs"));
        } catch (IOException e) {
            throw new FleetException("cannot create " + plan.var().resolve("logs") + ": " + e.getMessage(), e);
        }
        startBrokers();
        control = ControlServer.start(this);
        writeState();
        RoutesFile.merge(plan.routesFile(), plan.stage().routeWeights());
        console.info("stage " + plan.stage().label() + ": starting the monolith and the services");
        startApps(plan.instances().stream().filter(i -> i.kind().isDropwizard()).toList());
        console.info("starting the edge, Turbine and the dashboard");
        startApps(plan.instances().stream().filter(i -> !i.kind().isDropwizard()).toList());
        console.block(Table.ready(plan, Duration.between(started, Instant.now())));
    }

    /** Starts these instances (the monolith first when catalog-service must copy it), waiting until all are healthy. */
    private void startApps(List<Instance> instances) {
        List<Instance> rest = new ArrayList<>(instances);
        boolean copy = !plan.stage().cutOver() && instances.stream().anyMatch(i -> i.kind() == AppKind.CATALOG_SERVICE);
        if (copy) {
            List<Instance> monoliths = plan.instancesOf(AppKind.MONOLITH);
            List<Instance> first = rest.stream().filter(i -> i.kind() == AppKind.MONOLITH).toList();
            launchAndWait(first);
            rest.removeAll(first);
            syncCatalog(monoliths.get(0));
        }
        launchAndWait(rest);
    }

    private void launchAndWait(List<Instance> instances) {
        List<Child> launched = new ArrayList<>();
        for (Instance i : instances) {
            launched.add(launch(i));
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        for (Child child : launched) {
            child.awaitHealthy(deadline);
            console.info(child.instance().id() + " is healthy (" + child.instance().url("") + ")");
        }
        writeState();
    }

    private synchronized Child launch(Instance instance) {
        if (stopping) {
            throw new FleetException("stopping");
        }
        try {
            Child child = Child.start(instance, plan.root(), plan.logFile(instance), console, colourOf(instance),
                    this::exitedUnexpectedly);
            children.put(instance.id(), child);
            return child;
        } catch (IOException e) {
            throw new FleetException("cannot start " + instance.id() + ": " + e.getMessage(), e);
        }
    }

    private int colourOf(Instance instance) {
        return plan.instances().indexOf(instance);
    }

    private void exitedUnexpectedly(Child child) {
        console.info(child.instance().id() + " exited with status " + child.exitValue() + "; it stays down ("
                + "./fleet start " + child.instance().id() + " starts it again); log: " + child.log());
        writeState();
    }

    /** catalog-service's bulk copy of the monolith's cars ({@code sync --from}), before it follows the CarChanged events. */
    private void syncCatalog(Instance monolith) {
        Instance catalog = plan.first(AppKind.CATALOG_SERVICE);
        List<String> command = new ArrayList<>(catalog.command());
        int server = command.indexOf("server");
        command.subList(server, server + 1).clear();
        command.addAll(server, List.of("sync", "--from", monolith.url("")));
        Instance sync = new Instance(catalog.id() + "-sync", catalog.kind(), catalog.number(), catalog.port(),
                catalog.adminPort(), catalog.env(), command);
        console.info("catalog-service: copying the monolith's cars (sync --from " + monolith.url("") + ")");
        try {
            Child child = Child.start(sync, plan.root(), plan.logFile(catalog), console, colourOf(catalog), c -> { });
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (child.isAlive() && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            if (child.isAlive()) {
                child.kill();
                throw new FleetException("catalog-service sync did not finish in time; log: " + child.log());
            }
            if (child.exitValue() != 0) {
                throw new FleetException("catalog-service sync failed (status " + child.exitValue() + "); log: "
                        + child.log() + ", last lines:\n" + child.tail());
            }
        } catch (IOException e) {
            throw new FleetException("cannot run catalog-service sync: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted");
        }
    }

    // ---- control (ControlServer) ----------------------------------------------------------------------------------

    /** Moves the running system to another stage: the edge weights live, and a restart of the apps whose settings change. */
    public synchronized List<String> changeStage(Stage stage) {
        Plan next = plan.withStage(stage);
        List<Instance> changed = next.instances().stream()
                .filter(i -> !Objects.equals(i.env(), plan.instances().get(next.instances().indexOf(i)).env())).toList();
        console.info("stage " + plan.stage().label() + " → " + stage.label() + ": restarting "
                + (changed.isEmpty() ? "nothing" : String.join(", ", changed.stream().map(Instance::id).toList())));
        if (stage.weight() < plan.stage().weight()) {
            RoutesFile.merge(plan.routesFile(), stage.routeWeights());   // first move clients back to the monolith
        }
        List<Instance> reversed = new ArrayList<>(changed);
        java.util.Collections.reverse(reversed);
        for (Instance i : reversed) {
            Child child = children.remove(i.id());
            if (child != null) {
                child.stop(STOP_GRACE);
            }
        }
        plan = next;
        writeState();
        if (!changed.isEmpty()) {
            startApps(changed);
        }
        RoutesFile.merge(plan.routesFile(), stage.routeWeights());
        writeState();
        console.info("stage " + stage.label() + " is running");
        return changed.stream().map(Instance::id).toList();
    }

    public synchronized void kill(String id) {
        Child child = children.get(id);
        if (child == null || !child.isAlive()) {
            throw new FleetException(id + " is not running");
        }
        console.info("killing " + id + " (SIGKILL)");
        child.kill();
        writeState();
    }

    public synchronized void startAgain(String id) {
        Instance instance = plan.instances().stream().filter(i -> i.id().equals(id)).findFirst()
                .orElseThrow(() -> new UsageException("unknown app '" + id + "'"));
        Child child = children.get(id);
        if (child != null && child.isAlive()) {
            throw new FleetException(id + " is already running (pid " + child.pid() + ")");
        }
        launchAndWait(List.of(instance));
    }

    /**
     * {@code ./fleet restart kafka|amqp}: stops an embedded broker, keeps it down for {@code down} (an outage the
     * apps must ride out: outbox relays retry, consumers reconnect), then starts it again on the same port and data.
     */
    public void restartBroker(String name, Duration down) {
        if (!name.equals("kafka") && !name.equals("amqp")) {
            throw new UsageException("restart: unknown broker '" + name + "' (expected kafka or amqp)");
        }
        synchronized (this) {
            if (stopping) {
                throw new FleetException("Fleet is stopping");
            }
            if (name.equals("kafka") ? kafka == null : amqp == null) {
                throw new FleetException("the " + name + " broker is external (--" + name
                        + "): restart it with its own tools");
            }
        }
        try {
            console.info("restarting the embedded " + name + ": down for " + down.toMillis() + " ms");
            if (name.equals("kafka")) {
                kafka.stop();
            } else {
                amqp.stop();
            }
            Thread.sleep(down.toMillis());
            if (name.equals("kafka")) {
                kafka.start();
            } else {
                amqp.start();
            }
            console.info("the embedded " + name + " is back");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted while restarting " + name);
        } catch (Exception e) {
            throw new FleetException("cannot restart the embedded " + name + ": " + e.getMessage(), e);
        }
    }

    /** Stops the apps in reverse start order, then the brokers; safe to call twice (Ctrl-C after ./fleet down). */
    public void stopAll() {
        List<Child> reversed;
        synchronized (this) {
            if (stopping) {
                awaitStopped();
                return;
            }
            stopping = true;
            // the plan's order, not the order of starting: a stage change restarts apps in the middle
            reversed = new ArrayList<>(plan.instances().stream().map(i -> children.get(i.id())).filter(Objects::nonNull).toList());
        }
        java.util.Collections.reverse(reversed);
        for (Child child : reversed) {
            if (child.isAlive()) {
                console.info("stopping " + child.instance().id());
                child.stop(STOP_GRACE);
            }
        }
        if (amqp != null) {
            console.info("stopping the embedded AMQP broker");
            try {
                amqp.stop();
            } catch (RuntimeException e) {
                // on Ctrl-C Qpid's own shutdown hook may have closed it first
                console.info("the embedded AMQP broker had stopped already (" + e.getMessage() + ")");
            }
        }
        if (kafka != null) {
            console.info("stopping the embedded Kafka");
            try {
                kafka.shutdown();
            } catch (RuntimeException e) {
                console.info("the embedded Kafka did not stop cleanly: " + e);
            }
        }
        if (control != null) {
            control.stop();
        }
        // only this launcher's state: a second ./fleet up that found Fleet running must leave the running one's alone
        try {
            if (State.read(plan.var()).map(s -> s.launcherPid() == ProcessHandle.current().pid()).orElse(false)) {
                State.delete(plan.var());
            }
        } catch (FleetException e) {
            console.info(e.getMessage());
        }
        console.info("stopped");
        stopped.countDown();
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code ./fleet down}: stop from another thread, so the HTTP answer goes out first. */
    public void stopAsync() {
        Thread t = new Thread(this::stopAll, "fleet-down");
        t.start();
    }

    public synchronized State state() {
        List<State.Process> processes = new ArrayList<>();
        for (Instance i : plan.instances()) {
            Child child = children.get(i.id());
            processes.add(new State.Process(i.id(), i.kind().appName(), child == null ? 0 : child.pid(), i.port(),
                    i.adminPort(), i.healthUrl(), plan.logFile(i).toString(), child != null && child.isAlive()));
        }
        return new State(ProcessHandle.current().pid(), control == null ? 0 : control.port(), plan.stage().label(),
                plan.apiKey(), started.toString(), processes);
    }

    private synchronized void writeState() {
        if (!stopping) {
            state().write(plan.var());
        }
    }

    // ---- checks before anything starts ----------------------------------------------------------------------------

    /** A launcher that was killed (SIGKILL) leaves its apps running: stop them before starting anew. */
    private void cleanUpAfterKilledLauncher() {
        State.read(plan.var()).ifPresent(old -> {
            if (old.launcherAlive()) {
                throw new FleetException("Fleet is already running (launcher pid " + old.launcherPid()
                        + ", stage " + old.stage() + "): ./fleet status shows it, ./fleet down stops it");
            }
            int stopped = Leftovers.stop(plan.var(), old);
            if (stopped > 0) {
                console.info("stopped " + stopped + " app(s) left running by a launcher that was killed");
            }
            State.delete(plan.var());
        });
    }

    private void checkJars() {
        List<String> missing = plan.instances().stream().map(i -> i.kind().jar(plan.root())).distinct()
                .filter(Predicate.not(Files::isRegularFile)).map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new FleetException("missing " + String.join(", ", missing)
                    + ": build them with ./mvnw -B package -DskipTests (./fleet up does it when run through ./fleet)");
        }
    }

    private void checkPortsFree() {
        for (Map.Entry<Integer, String> port : plan.ports().entrySet()) {
            try (ServerSocket socket = new ServerSocket(port.getKey(), 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
            } catch (IOException e) {
                throw new FleetException("port " + port.getKey() + " (" + port.getValue() + ") is already in use: "
                        + "stop what holds it (ss -ltnp 'sport = :" + port.getKey() + "') or move Fleet with --port-offset");
            }
        }
    }

    private void createSchemas() {
        String url = plan.options().dbUrl();
        if (url == null) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            for (AppKind kind : AppKind.dropwizardApps()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + Plan.schema(kind));
            }
        } catch (SQLException e) {
            throw new FleetException("--db-url " + url.replaceAll("password=[^&]*", "password=***")
                    + ": cannot create the apps' schemas: " + e.getMessage(), e);
        }
    }

    private void startBrokers() {
        try {
            if (plan.embeddedKafka()) {
                console.info("starting the embedded Kafka (KRaft) on " + plan.kafkaBootstrap());
                kafka = new EmbeddedKafka(plan.kafkaPort(), plan.var().resolve("kafka").toAbsolutePath(),
                        Map.of("num.partitions", "3"));
                kafka.start();
            }
            if (plan.embeddedAmqp()) {
                console.info("starting the embedded AMQP broker (Qpid Broker-J) on 127.0.0.1:" + plan.amqpPort());
                amqp = new EmbeddedAmqp(plan.amqpPort(), plan.var().resolve("amqp").toAbsolutePath());
                amqp.start();
            }
        } catch (Exception e) {
            throw new FleetException("cannot start the embedded brokers: " + e.getMessage(), e);
        }
    }
}
