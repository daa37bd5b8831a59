package dev.fleet.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The user's path, end to end: {@code ./fleet up --stage strangler} from the repository root with the jars this build
 * packaged (this module is last in the reactor), driven through the edge and the other {@code ./fleet} commands, then
 * {@code ./fleet down}, after which no Fleet process and no Fleet port may be left. Ports are moved by
 * {@value #OFFSET} so a developer's running Fleet is not disturbed; the var dir is a temp dir.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FleetUpIT {
    static final int OFFSET = 300;
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    static final String KEY = Plan.DEFAULT_API_KEY;
    static final String CUSTOMER = "c0000000-0000-4000-8000-000000000001";
    /** A car of this run's own (created through the edge), so reruns on a kept PostgreSQL never overlap. */
    static final String CAR = "IT-" + java.util.UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    /** FLEET_IT_POSTGRES set (the PostgreSQL pass of .ci/run): the strangler scenario runs with --db-url on it. */
    static final String POSTGRES = System.getenv("FLEET_IT_POSTGRES");

    Path var;
    Process launcher;
    Path launcherLog;

    @BeforeEach
    void varDir() throws IOException {
        var = Files.createTempDirectory("fleet-it-");
        launcherLog = var.resolve("launcher.out");
    }

    /** Whatever a test left behind is stopped, so a failure does not leak processes into the next test or CI. */
    @AfterEach
    void cleanUp() throws Exception {
        if (launcher != null && launcher.isAlive()) {
            fleet("down");
            launcher.waitFor(2, TimeUnit.MINUTES);
            launcher.destroyForcibly();
        }
        fleetProcesses().forEach(ProcessHandle::destroyForcibly);
        try (java.util.stream.Stream<Path> files = Files.walk(var)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    @Order(1)
    void anOldJdkIsRefusedByTheWrapperNamingTheVersion() throws Exception {
        Path bin = Files.createDirectories(var.resolve("old-jdk/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 11' >&2\necho 'openjdk version \"11.0.2\"' >&2\n");
        java.toFile().setExecutable(true);
        Result r = fleet(Map.of("PATH", bin + ":" + System.getenv("PATH")), "status");
        assertThat(r.status).isEqualTo(1);
        assertThat(r.output).contains("Fleet needs Java 17 or newer, but 'java' is version 11");
    }

    @Test
    @Order(2)
    void aPortInUseIsNamedAndNothingStarts() throws Exception {
        int monolithPort = 9000 + OFFSET;
        try (ServerSocket taken = new ServerSocket(monolithPort, 1, InetAddress.getLoopbackAddress())) {
            Result r = fleet("up", "--port-offset", Integer.toString(OFFSET));
            assertThat(r.status).isEqualTo(1);
            assertThat(r.output).contains("port " + monolithPort + " (monolith API) is already in use");
        }
        assertThat(fleetProcesses()).isEmpty();
        assertThat(Files.exists(State.file(var))).isFalse();
    }

    @Test
    @Order(3)
    void anAppThatFailsToStartIsNamedWithItsLogAndEverythingStartedIsStopped() throws Exception {
        // only the monolith reads FLEET_PRICING_FALLBACK: it fails validation while the four services start fine
        Result r = fleet(Map.of("FLEET_PRICING_FALLBACK", "sometimes"), "up", "--stage", "strangler", "--port-offset",
                Integer.toString(OFFSET));
        assertThat(r.status).isEqualTo(1);
        assertThat(r.output).contains("monolith exited with status 1 while starting; its log is "
                + var.resolve("logs/monolith.log")).contains("stopping what was started");
        assertThat(Files.readString(var.resolve("logs/monolith.log"))).contains("sometimes");
        assertThat(fleetProcesses()).isEmpty();
        assertNoFleetPortOpen();
    }

    @Test
    @Order(4)
    void theStranglerStageServesThroughTheEdgeSurvivesFaultsAndStopsWithoutLeftovers() throws Exception {
        List<String> up = new ArrayList<>(List.of("up", "--stage", "strangler", "--port-offset", Integer.toString(OFFSET)));
        if (POSTGRES != null && !POSTGRES.isBlank()) {
            up.addAll(List.of("--db-url", POSTGRES));
        }
        startFleet(up.toArray(String[]::new));
        String edge = "http://127.0.0.1:" + (8080 + OFFSET);

        // a second ./fleet up is refused and leaves the running one alone
        Result second = fleet("up", "--port-offset", Integer.toString(OFFSET));
        assertThat(second.status).isEqualTo(1);
        assertThat(second.output).contains("Fleet is already running (launcher pid " + launcher.pid());
        assertThat(Files.exists(State.file(var))).isTrue();

        // the first calls of cold JVMs may outlast the remote-call timeouts (503): wait for the car, then a reservation
        String car = String.format("{\"id\":\"%s\",\"manufacturer\":\"Fleet\",\"model\":\"IT\",\"category\":\"COMPACT\","
                + "\"dailyRate\":42.00,\"location\":\"MAD\"}", CAR);
        eventually("the test's car created through the edge", Duration.ofSeconds(90), () -> {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(edge + "/api/cars")).header("X-Api-Key", KEY)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(car)));
            return r.statusCode() == 201 ? r : null;
        });
        HttpResponse<String> first = eventually("a first reservation through the edge", Duration.ofSeconds(90), () -> {
            HttpResponse<String> r = reserve(edge, 1);
            return r.statusCode() == 201 ? r : null;
        });
        List<JsonNode> reservations = new ArrayList<>(List.of(JSON.readTree(first.body())));
        for (int n = 2; n <= 4; n++) {
            HttpResponse<String> r = reserve(edge, n);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(r.headers().firstValue("X-Fleet-Origin")).contains("monolith");
            reservations.add(JSON.readTree(r.body()));
        }

        // each reservation gets exactly one invoice (billing-service, over RabbitMQ) and one notification
        // (notification-service, over Kafka); both edge paths — the monolith's adapter and the service — agree
        for (JsonNode reservation : reservations) {
            String id = reservation.path("id").asText();
            JsonNode invoices = eventually("the invoice of " + id, Duration.ofSeconds(60), () -> {
                JsonNode list = json(get(edge + "/api/invoices?reservationId=" + id, "X-Fleet-Route", "service"));
                return list != null && list.size() > 0 ? list : null;
            });
            assertThat(invoices).hasSize(1);
            assertThat(invoices.get(0).path("amount").decimalValue()).isEqualByComparingTo(reservation.path("total").decimalValue());
            assertThat(json(get(edge + "/api/invoices?reservationId=" + id, "X-Fleet-Route", "monolith"))).isEqualTo(invoices);
            eventually("the notification of " + id, Duration.ofSeconds(60), () -> {
                JsonNode list = json(get(edge + "/api/notifications?customerId=" + CUSTOMER, "X-Fleet-Route", "service"));
                long matching = list == null ? 0 : java.util.stream.StreamSupport.stream(list.spliterator(), false)
                        .filter(n -> n.path("reservationId").asText().equals(id)).count();
                assertThat(matching).isLessThanOrEqualTo(1);
                return matching == 1 ? list : null;
            });
        }

        // ./fleet restart kafka: an outage of the embedded broker; a reservation made right after it still gets its
        // notification over Kafka (the outbox holds the event until the broker is back and the consumer reconnects)
        Result restart = fleet("restart", "kafka", "--down", "2s");
        assertThat(restart.status).as(restart.output).isZero();
        assertThat(restart.output).contains("kafka restarted (down for 2 s)");
        HttpResponse<String> afterOutage = eventually("a reservation after the Kafka restart", Duration.ofSeconds(60), () -> {
            HttpResponse<String> r = reserve(edge, 5);
            return r.statusCode() == 201 ? r : null;
        });
        String afterId = JSON.readTree(afterOutage.body()).path("id").asText();
        eventually("the notification of " + afterId + " after the Kafka restart", Duration.ofSeconds(90), () -> {
            JsonNode list = json(get(edge + "/api/notifications?customerId=" + CUSTOMER, "X-Fleet-Route", "service"));
            return list != null && java.util.stream.StreamSupport.stream(list.spliterator(), false)
                    .anyMatch(n -> n.path("reservationId").asText().equals(afterId)) ? list : null;
        });
        assertThat(Files.readString(launcherLog)).contains("restarting the embedded kafka", "the embedded kafka is back");

        // the Turbine fleet cluster carries the circuits of the remote calls
        Set<String> commands = turbineCommands("http://127.0.0.1:" + (8989 + OFFSET) + "/turbine.stream?cluster=fleet",
                Set.of("quote", "findCar", "invoicesFor"), Duration.ofSeconds(30));
        assertThat(commands).contains("quote", "findCar", "invoicesFor");

        // pricing-service slower than the monolith's timeout: reservations fail fast with 503 + Retry-After
        Result fault = fleet("fault", "pricing-service", "--latency", "3000");
        assertThat(fault.status).as(fault.output).isZero();
        assertThat(fault.output).contains("pricing-service: fault injection active", "latency 3000 ms");
        HttpResponse<String> refused = reserve(edge, 9);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("pricing");
        assertThat(fleet("fault", "pricing-service", "--clear").output).contains("fault injection off");

        // catalog-service killed: the monolith serves the car it saw last, marked degraded
        HttpResponse<String> fresh = get(edge + "/api/cars/" + CAR, "X-Fleet-Route", "monolith");
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fleet("kill", "catalog-service").status).isZero();
        HttpResponse<String> stale = get(edge + "/api/cars/" + CAR, "X-Fleet-Route", "monolith");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("X-Fleet-Degraded")).contains("catalog");
        assertThat(JSON.readTree(stale.body())).isEqualTo(JSON.readTree(fresh.body()));
        // clients the edge sent to the dead service get a clean 502; moving the route back serves them all again
        HttpResponse<String> direct = get(edge + "/api/cars/" + CAR, "X-Fleet-Route", "service");
        assertThat(direct.statusCode()).isEqualTo(502);
        assertThat(JSON.readTree(direct.body()).path("message").asText()).contains("catalog-service");
        Result route = fleet("route", "/api/cars", "--weight", "0");
        assertThat(route.output).contains("route cars (/api/cars): 0 % of clients to catalog-service");
        for (int client = 0; client < 10; client++) {
            HttpResponse<String> r = get(edge + "/api/cars/" + CAR, "X-Api-Key", Plan.DEMO_API_KEYS.get(client));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-Fleet-Degraded")).contains("catalog");
        }
        Result status = fleet("status");
        assertThat(status.status).isEqualTo(1);
        assertThat(status.output).containsPattern("catalog-service +- +9310 +9311 +DOWN").containsPattern("monolith +\\d+ +9300 +9301 +healthy");

        // ./fleet down: everything stops, no process and no port is left
        Result down = fleet("down");
        assertThat(down.status).as(down.output).isZero();
        assertThat(launcher.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(launcher.exitValue()).isZero();
        assertThat(fleetProcesses()).isEmpty();
        assertNoFleetPortOpen();
        assertThat(Files.exists(State.file(var))).isFalse();
        String log = Files.readString(launcherLog);
        assertThat(log.indexOf("stopping hystrix-dashboard")).isLessThan(log.indexOf("stopping edge-proxy"));
        assertThat(log.indexOf("stopping edge-proxy")).isLessThan(log.indexOf("stopping monolith"));
        assertThat(log).contains("stopping the embedded Kafka", "stopped");
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    record Result(int status, String output) {
    }

    Result fleet(String... args) throws Exception {
        return fleet(Map.of(), args);
    }

    /** {@code ./fleet args} from the repository root, as a user runs it, with this test's var dir. */
    Result fleet(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(args)).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("FLEET_VAR_DIR", var.toString());
        builder.environment().putAll(env);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("./fleet " + String.join(" ", args) + " finished").isTrue();
        return new Result(p.exitValue(), output);
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("fleet").toString()));
        command.addAll(List.of(args));
        return command;
    }

    void startFleet(String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(args)).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(launcherLog.toFile());
        builder.environment().put("FLEET_VAR_DIR", var.toString());
        // Cold JVMs on a busy 2-core machine outlast the shipped 500 ms client / 1 s Hystrix budgets now and then; this
        // test checks behaviour, not speed, so the apps get more room (Dropwizard's dw.* overrides), still below the
        // 3 s latency the fault step injects (timeouts themselves: PricingFailureIsolationTest)
        String roomier = "-Ddw.remote.client.timeout=2s -Ddw.remote.client.connectionTimeout=2s -Ddw.remote.hystrix.executionTimeout=2500ms";
        builder.environment().put("FLEET_JAVA_OPTS_MONOLITH", roomier);
        builder.environment().put("FLEET_JAVA_OPTS_PRICING_SERVICE", roomier);
        launcher = builder.start();
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (System.nanoTime() < deadline) {
            String log = Files.readString(launcherLog);
            if (log.contains("Fleet is ready: stage strangler")) {
                return;
            }
            if (!launcher.isAlive()) {
                throw new AssertionError("./fleet up exited with " + launcher.exitValue() + ":\n" + tail(log));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("./fleet up was not ready within 6 minutes:\n" + tail(Files.readString(launcherLog)));
    }

    private static String tail(String log) {
        String[] lines = log.split("\n");
        return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 60), lines.length));
    }

    /** Processes started for this var dir (the launcher marks every app's command line with it). */
    List<ProcessHandle> fleetProcesses() {
        String marker = "-Dfleet.var=" + var.toAbsolutePath();
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .toList();
    }

    void assertNoFleetPortOpen() {
        List<Integer> open = new ArrayList<>();
        for (int port : new Plan(ROOT, var, UpOptions.parse(List.of("--port-offset", Integer.toString(OFFSET))), "java",
                List.of(), KEY).ports().keySet()) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                open.add(port);
            } catch (IOException e) {
                // closed, as it should be
            }
        }
        assertThat(open).as("ports still open").isEmpty();
    }

    static HttpResponse<String> reserve(String edge, int n) {
        LocalDate from = LocalDate.now().plusDays(30 + 10L * n);   // a fresh var dir: no earlier reservations
        String body = String.format("{\"customerId\":\"%s\",\"carId\":\"%s\",\"from\":\"%s\",\"to\":\"%s\"}", CUSTOMER, CAR,
                from, from.plusDays(3));
        return send(HttpRequest.newBuilder(URI.create(edge + "/api/reservations")).header("X-Api-Key", KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> get(String url, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    static <T> T eventually(String what, Duration timeout, Supplier<T> attempt) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T value = attempt.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + " did not come within " + timeout.toSeconds() + " s");
    }

    /** The HystrixCommand names on a Turbine stream, read until all wanted ones were seen or time runs out. */
    static Set<String> turbineCommands(String url, Set<String> wanted, Duration timeout) throws Exception {
        Set<String> seen = new HashSet<>();
        HttpResponse<java.io.InputStream> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while (System.nanoTime() < deadline && !seen.containsAll(wanted) && (line = in.readLine()) != null) {
                if (line.startsWith("data:")) {
                    JsonNode data = JSON.readTree(line.substring(5));
                    if (data.path("type").asText().equals("HystrixCommand")) {
                        seen.add(data.path("name").asText());
                    }
                }
            }
        }
        return seen;
    }
}
