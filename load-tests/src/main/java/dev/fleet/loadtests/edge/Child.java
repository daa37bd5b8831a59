package dev.fleet.loadtests.edge;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A process the benchmark started (the monolith, the edge, nginx, HAProxy): its output goes to a log file, and
 * {@link #close()} stops it and every process it started (nginx's workers), SIGTERM first, SIGKILL after 20 s.
 */
final class Child implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Starts {@code command} with exactly {@code env} (no FLEET_* variable of the caller leaks in). */
    static Child start(String name, List<String> command, Map<String, String> env, Path workDir, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("FLEET_"));
        builder.environment().putAll(env);
        return new Child(name, builder.start(), log);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Polls {@code ready} until it holds; fails with the log's last lines if the process exits or time runs out. */
    void awaitReady(BooleanSupplier ready, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue()
                        + " while starting; its log " + log + " ends with:\n" + tail(20));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " was not ready after " + timeoutSeconds + " s; its log " + log
                        + " ends with:\n" + tail(20));
            }
            Thread.sleep(200);
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    @Override
    public void close() {
        // remembered first: nginx's workers outlive a master that is killed
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
