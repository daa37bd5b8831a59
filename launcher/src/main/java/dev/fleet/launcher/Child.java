package dev.fleet.launcher;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running instance: its JVM, a thread copying its output to {@code var/logs/<id>.log} and to the console, and
 * the last lines kept for error messages. Started in a session of its own ({@code setsid}) so that Ctrl-C reaches
 * only the launcher, which then stops the apps in reverse order.
 */
public final class Child {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final int TAIL = 20;

    private final Instance instance;
    private final Path log;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private volatile boolean stopping;

    private Child(Instance instance, Path log, Process process) {
        this.instance = instance;
        this.log = log;
        this.process = process;
    }

    public static Child start(Instance instance, Path root, Path log, Console console, int colour,
                              Consumer<Child> onUnexpectedExit) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(withSetsid(instance.command()))
                .directory(root.toFile()).redirectErrorStream(true);
        builder.environment().putAll(instance.env());
        Process process = builder.start();
        Child child = new Child(instance, log, process);
        Thread pump = new Thread(() -> child.pump(console, colour), "log-" + instance.id());
        pump.setDaemon(true);
        pump.start();
        process.onExit().thenRun(() -> {
            if (!child.stopping) {
                onUnexpectedExit.accept(child);
            }
        });
        return child;
    }

    private static List<String> withSetsid(List<String> command) {
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            var withSession = new java.util.ArrayList<String>();
            withSession.add("/usr/bin/setsid");
            withSession.addAll(command);
            return withSession;
        }
        return command;
    }

    private void pump(Console console, int colour) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             BufferedWriter file = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                     StandardOpenOption.APPEND)) {
            file.write("---- fleet: " + instance.id() + " started " + Instant.now() + ": " + String.join(" ", instance.command()));
            file.newLine();
            file.flush();
            String line;
            while ((line = in.readLine()) != null) {
                file.write(line);
                file.newLine();
                file.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                }
                console.app(instance.id(), colour, line);
            }
        } catch (IOException e) {
            if (process.isAlive()) {
                console.info("cannot copy the output of " + instance.id() + " to " + log + ": " + e.getMessage());
            }
        }
    }

    public Instance instance() {
        return instance;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** Polls the health endpoint until it answers 200; fails naming the app and its log if the JVM exits or time runs out. */
    public void awaitHealthy(Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new FleetException(instance.id() + " exited with status " + process.exitValue()
                        + " while starting; its log is " + log + ", last lines:\n" + tail());
            }
            if (healthy()) {
                return;
            }
            sleep(300);
        }
        throw new FleetException(instance.id() + " was not healthy at " + instance.healthUrl() + " in time; its log is "
                + log + ", last lines:\n" + tail());
    }

    public boolean healthy() {
        return status(instance.healthUrl()) == 200;
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGTERM (the apps stop gracefully, deregistering from Consul), then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        stopping = true;
        process.toHandle().destroy();   // SIGTERM; unlike Process.destroy() it leaves the output open for the last lines
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: an instance that dies (the launcher reports it and leaves it down). */
    public void kill() {
        process.toHandle().destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public int exitValue() {
        return process.exitValue();
    }

    public String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FleetException("interrupted");
        }
    }
}
