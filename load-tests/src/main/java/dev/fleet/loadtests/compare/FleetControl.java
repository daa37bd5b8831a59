package dev.fleet.loadtests.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives Fleet the way a user does: {@code ./fleet up --stage …} in the background, the other {@code ./fleet}
 * commands for faults, {@code ./fleet down} at the end. Reads {@code var/fleet.json} for the ports.
 */
final class FleetControl {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

    private final Path root;
    private final Path var;
    private Process up;

    FleetControl(Path root) {
        this.root = root;
        String varDir = System.getenv("FLEET_VAR_DIR");
        this.var = varDir == null || varDir.isBlank() ? root.resolve("var") : Path.of(varDir);
    }

    void requireNotRunning() {
        // status fails for a stopped Fleet but also for a running, unhealthy one: tell them apart by what it says
        Result status = fleet(List.of("status"), Duration.ofSeconds(30));
        if (status.status == 0 || !(status.output.contains("is not running") || status.output.contains("is gone"))) {
            throw new IllegalStateException("a Fleet is already running; compare starts its own: stop it with ./fleet down");
        }
    }

    /** {@code ./fleet up --stage <stage>}, its output to {@code log}; returns once it printed its ready line. */
    void up(String stage, Path log) throws IOException, InterruptedException {
        up = new ProcessBuilder(root.resolve("fleet").toString(), "up", "--stage", stage).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log);
            if (output.contains("Fleet is ready")) {
                return;
            }
            if (!up.isAlive()) {
                throw new IllegalStateException("./fleet up --stage " + stage + " failed (exit " + up.exitValue() + "): see " + log);
            }
            Thread.sleep(1000);
        }
        down();
        throw new IllegalStateException("./fleet up --stage " + stage + " not ready after " + START_TIMEOUT.toMinutes() + " min: see " + log);
    }

    void down() {
        if (up == null) {
            return;
        }
        fleet(List.of("down"), Duration.ofMinutes(2));
        try {
            if (!up.waitFor(2, TimeUnit.MINUTES)) {
                up.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        up = null;
    }

    record Result(int status, String output) {
    }

    /** One {@code ./fleet} command; a failing one is an exception naming it and its output. */
    String run(List<String> args) {
        Result result = fleet(args, Duration.ofMinutes(5));
        if (result.status != 0) {
            throw new IllegalStateException("./fleet " + String.join(" ", args) + " failed: " + result.output.trim());
        }
        return result.output;
    }

    private Result fleet(List<String> args, Duration timeout) {
        List<String> command = new ArrayList<>(List.of(root.resolve("fleet").toString()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private JsonNode state() {
        try {
            return new ObjectMapper().readTree(var.resolve("fleet.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + var.resolve("fleet.json"), e);
        }
    }

    int port(String app) {
        for (JsonNode process : state().path("processes")) {
            if (process.path("app").asText().equals(app)) {
                return process.path("port").asInt();
            }
        }
        throw new IllegalStateException("no " + app + " in " + var.resolve("fleet.json"));
    }

    String apiKey() {
        return state().path("apiKey").asText();
    }
}
