package dev.fleet.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * {@code var/fleet.json}: what a running {@code ./fleet up} has started, for the other commands (status, down,
 * fault, route, stage, demo) and for cleaning up after a launcher that was killed. Written atomically.
 */
public record State(long launcherPid, int controlPort, String stage, String apiKey, String startedAt,
                    List<Process> processes) {

    public record Process(String id, String app, long pid, int port, int adminPort, String health, String log,
                          boolean running) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static Path file(Path var) {
        return var.resolve("fleet.json");
    }

    public static Optional<State> read(Path var) {
        Path file = file(var);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), State.class));
        } catch (IOException e) {
            throw new FleetException("cannot read " + file + " (" + e.getMessage() + "); delete it if no Fleet is running");
        }
    }

    public void write(Path var) {
        try {
            Files.createDirectories(var);
            Path tmp = var.resolve("fleet.json.tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file(var), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new FleetException("cannot write " + file(var) + ": " + e.getMessage(), e);
        }
    }

    public static void delete(Path var) {
        try {
            Files.deleteIfExists(file(var));
        } catch (IOException e) {
            // nothing left to do
        }
    }

    public boolean launcherAlive() {
        return ProcessHandle.of(launcherPid).map(ProcessHandle::isAlive).orElse(false);
    }

    public Optional<Process> process(String id) {
        return processes.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public List<Process> processesOf(String app) {
        return processes.stream().filter(p -> p.app().equals(app)).toList();
    }

    public String edgeUrl() {
        return process(AppKind.EDGE.appName()).map(p -> "http://127.0.0.1:" + p.port())
                .orElseThrow(() -> new FleetException("no edge-proxy in " + "fleet.json"));
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectMapper mapper() {
        return JSON;
    }
}
