package dev.fleet.launcher;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The commands that act on a running {@code ./fleet up}: through its control port, the apps' admin ports, the routes file. */
final class Commands {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final Path var;

    Commands(Path var) {
        this.var = var;
    }

    int down(List<String> args) {
        noArguments("down", args);
        Optional<State> found = State.read(var);
        if (found.isEmpty()) {
            System.out.println("Fleet is not running (no " + State.file(var) + ")");
            return 0;
        }
        State state = found.get();
        if (state.launcherAlive()) {
            System.out.println("stopping Fleet (launcher pid " + state.launcherPid() + ")…");
            try {
                post(state, "/down", Map.of(), Duration.ofSeconds(10));
            } catch (FleetException e) {
                System.out.println("the launcher did not answer (" + e.getMessage() + "): sending it SIGTERM");
                ProcessHandle.of(state.launcherPid()).ifPresent(ProcessHandle::destroy);
            }
            ProcessHandle.of(state.launcherPid()).ifPresent(h -> {
                try {
                    h.onExit().get(3, java.util.concurrent.TimeUnit.MINUTES);
                } catch (Exception e) {
                    throw new FleetException("the launcher (pid " + state.launcherPid() + ") did not stop within 3 minutes");
                }
            });
        }
        int leftovers = Leftovers.stop(var, state);
        if (leftovers > 0) {
            System.out.println("stopped " + leftovers + " app(s) left running by a launcher that was killed");
        }
        State.delete(var);
        System.out.println("Fleet is stopped");
        return 0;
    }

    int status(List<String> args) {
        noArguments("status", args);
        State state = running();
        JsonNode live = State.mapper().valueToTree(state);
        try {
            live = State.mapper().readTree(get("http://127.0.0.1:" + state.controlPort() + "/state").body());
        } catch (IOException | FleetException e) {
            // the file's view is good enough
        }
        State current = State.mapper().convertValue(live, State.class);
        System.out.printf(Locale.ROOT, "Fleet: stage %s, launcher pid %d, since %s%n%n", current.stage(), current.launcherPid(),
                current.startedAt());
        System.out.printf(Locale.ROOT, "  %-22s %-8s %-6s %-6s %-10s %s%n", "app", "pid", "port", "admin", "health", "open circuits");
        boolean allHealthy = true;
        for (State.Process p : current.processes()) {
            String health = !p.running() ? "DOWN" : Child.status(p.health()) == 200 ? "healthy" : "UNHEALTHY";
            allHealthy &= health.equals("healthy");
            String circuits = p.running() && p.adminPort() != 0 && !p.app().equals(AppKind.EDGE.appName())
                    ? openCircuits("http://127.0.0.1:" + p.adminPort() + "/healthcheck") : "";
            System.out.printf(Locale.ROOT, "  %-22s %-8s %-6d %-6s %-10s %s%n", p.id(), p.running() ? Long.toString(p.pid()) : "-",
                    p.port(), p.adminPort() == 0 ? "-" : Integer.toString(p.adminPort()), health, circuits);
        }
        return allHealthy ? 0 : 1;
    }

    /** The hystrix health check's message when it fails (it names the open circuits), else "none". */
    private static String openCircuits(String healthcheck) {
        try {
            JsonNode checks = State.mapper().readTree(get(healthcheck).body());
            JsonNode hystrix = checks.path("hystrix");
            if (hystrix.isMissingNode() || hystrix.path("healthy").asBoolean(true)) {
                return "none";
            }
            return hystrix.path("message").asText("open");
        } catch (IOException | FleetException e) {
            return "?";
        }
    }

    int stage(List<String> args) {
        if (args.size() != 1) {
            throw new UsageException("stage needs one of monolith, strangler, extracted, e.g. ./fleet stage extracted");
        }
        Stage stage = Stage.parse(args.get(0));
        State state = running();
        System.out.println("moving Fleet from stage " + state.stage() + " to " + stage.label() + "…");
        JsonNode result = json(post(state, "/stage", Map.of("name", stage.label()), Duration.ofMinutes(6)));
        List<String> restarted = new ArrayList<>();
        result.path("restarted").forEach(n -> restarted.add(n.asText()));
        System.out.println("stage " + stage.label() + ": edge weights " + stage.weight() + " %, restarted "
                + (restarted.isEmpty() ? "nothing" : String.join(", ", restarted)));
        return 0;
    }

    int route(List<String> args) {
        if (args.size() != 3 || !args.get(1).equals("--weight")) {
            throw new UsageException("route needs a path and a weight, e.g. ./fleet route /api/cars --weight 50");
        }
        String route = routeName(args.get(0));
        int weight;
        try {
            weight = Integer.parseInt(args.get(2));
        } catch (NumberFormatException e) {
            weight = -1;
        }
        if (weight < 0 || weight > 100) {
            throw new UsageException("--weight must be a whole number from 0 to 100, got '" + args.get(2) + "'");
        }
        State state = running();
        RoutesFile.merge(var.resolve("edge-routes.properties"), Map.of("route." + route + ".weight", Integer.toString(weight)));
        String admin = state.process(AppKind.EDGE.appName()).map(p -> "http://127.0.0.1:" + p.adminPort() + "/routes")
                .orElseThrow(() -> new FleetException("no edge-proxy in " + State.file(var)));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                for (JsonNode r : State.mapper().readTree(get(admin).body()).path("routes")) {
                    if (r.path("name").asText().equals(route) && r.path("weight").asInt(-1) == weight) {
                        System.out.printf(Locale.ROOT, "route %s (%s): %d %% of clients to %s, the rest to the monolith%n",
                                route, r.path("prefix").asText(), weight, r.path("service").asText());
                        return 0;
                    }
                }
            } catch (IOException | FleetException e) {
                // the edge is restarting or slow: ask again
            }
            sleep(250);
        }
        throw new FleetException("wrote route." + route + ".weight=" + weight + " but the edge (" + admin
                + ") did not apply it within 10 s: see its log");
    }

    /** {@code /api/cars} or {@code cars} → {@code cars}. */
    private static String routeName(String value) {
        for (Map.Entry<String, String> route : Stage.ROUTES.entrySet()) {
            if (value.equals(route.getKey()) || value.equals("/api/" + route.getKey())
                    || value.equals("/api/" + route.getKey() + "/")) {
                return route.getKey();
            }
        }
        throw new UsageException("'" + value + "' is not a route with a service; routes: "
                + Stage.ROUTES.keySet().stream().map(r -> "/api/" + r).collect(Collectors.joining(", ")));
    }

    int fault(List<String> args) {
        if (args.isEmpty()) {
            throw new UsageException("fault needs an app, e.g. ./fleet fault pricing-service --latency 2000");
        }
        AppKind kind = AppKind.byName(args.get(0)).filter(AppKind::isDropwizard).orElseThrow(() -> new UsageException(
                "fault: '" + args.get(0) + "' is not an app with a fault task (apps: "
                        + AppKind.dropwizardApps().stream().map(AppKind::appName).collect(Collectors.joining(", ")) + ")"));
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
            if (option.equals("--clear")) {
                params.put("clear", "true");
                continue;
            }
            if (i + 1 >= args.size()) {
                throw new UsageException(option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--latency" -> params.put("latencyMs", value);
                case "--error-rate" -> params.put("errorRate", value);
                case "--path" -> params.put("path", value);
                default -> throw new UsageException("fault: unknown option '" + option
                        + "' (expected --latency MS, --error-rate 0..1, --path /api/…, --clear)");
            }
        }
        if (params.isEmpty()) {
            throw new UsageException("fault needs --latency and/or --error-rate (with an optional --path), or --clear");
        }
        State state = running();
        List<State.Process> instances = state.processesOf(kind.appName()).stream().filter(State.Process::running).toList();
        if (instances.isEmpty()) {
            throw new FleetException(kind.appName() + " is not running");
        }
        for (State.Process p : instances) {
            // the app validates the values itself and answers 400 JSON naming a bad one
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p.adminPort()
                    + "/tasks/fault?" + form(params))).POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build());
            if (response.statusCode() != 200) {
                throw new FleetException(p.id() + " refused the fault (" + response.statusCode() + "): " + response.body().trim());
            }
            System.out.println(p.id() + ": " + response.body().trim());
        }
        return 0;
    }

    int kill(List<String> args) {
        return instanceCommand("kill", args);
    }

    int start(List<String> args) {
        return instanceCommand("start", args);
    }

    /** {@code ./fleet restart kafka|amqp [--down 5s]}: an embedded broker's outage, then back on the same port. */
    int restart(List<String> args) {
        if (args.isEmpty() || (args.size() != 1 && args.size() != 3) || (args.size() == 3 && !args.get(1).equals("--down"))) {
            throw new UsageException("restart needs a broker and optionally how long it stays down, e.g. ./fleet restart kafka --down 5s");
        }
        String broker = args.get(0);
        if (!broker.equals("kafka") && !broker.equals("amqp")) {
            throw new UsageException("restart: unknown broker '" + broker + "' (expected kafka or amqp)");
        }
        Duration down = args.size() == 3 ? downTime(args.get(2)) : Duration.ofSeconds(5);
        State state = running();
        post(state, "/restart", Map.of("broker", broker, "downMillis", Long.toString(down.toMillis())),
                down.plusMinutes(2));
        System.out.println(broker + " restarted (down for " + down.toSeconds() + " s)");
        return 0;
    }

    private static Duration downTime(String value) {
        if (value.matches("\\d+s?")) {
            long seconds = Long.parseLong(value.replace("s", ""));
            if (seconds <= 300) {
                return Duration.ofSeconds(seconds);
            }
        }
        throw new UsageException("--down must be 0s to 300s, got '" + value + "'");
    }

    private int instanceCommand(String command, List<String> args) {
        if (args.size() != 1) {
            throw new UsageException(command + " needs one app instance, e.g. ./fleet " + command + " catalog-service");
        }
        State state = running();
        String id = args.get(0);
        if (state.process(id).isEmpty()) {
            throw new UsageException(command + ": no instance '" + id + "' (running: "
                    + state.processes().stream().map(State.Process::id).collect(Collectors.joining(", ")) + ")");
        }
        post(state, "/" + command, Map.of("app", id), Duration.ofMinutes(5));
        System.out.println(id + (command.equals("kill") ? " killed" : " started and healthy"));
        return 0;
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private State running() {
        State state = State.read(var).orElseThrow(() -> new FleetException("Fleet is not running (no " + State.file(var)
                + "); start it with ./fleet up"));
        if (!state.launcherAlive()) {
            throw new FleetException("the launcher (pid " + state.launcherPid() + ") is gone; ./fleet down cleans up");
        }
        return state;
    }

    private static void noArguments(String command, List<String> args) {
        if (!args.isEmpty()) {
            throw new UsageException(command + " takes no arguments, got " + String.join(" ", args));
        }
    }

    private static String post(State state, String path, Map<String, String> params, Duration timeout) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + state.controlPort()
                        + path + (params.isEmpty() ? "" : "?" + form(params))))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(timeout).build());
        if (response.statusCode() >= 300) {
            throw new FleetException(json(response.body()).path("message").asText(response.body()));
        }
        return response.body();
    }

    static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FleetException(request.uri() + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted");
        }
    }

    private static JsonNode json(String body) {
        try {
            return State.mapper().readTree(body);
        } catch (IOException e) {
            return State.mapper().createObjectNode();
        }
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
