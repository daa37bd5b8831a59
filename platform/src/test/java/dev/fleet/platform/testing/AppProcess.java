package dev.fleet.platform.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Fleet app in its OWN JVM: {@code java -cp <this test's classpath> <mainClass> server <config>} with FLEET_*
 * environment variables, free API and admin ports ({@code FLEET_HTTP_PORT}, {@code FLEET_ADMIN_PORT}), output in a
 * temp log file. For what one JVM cannot show: a real SIGTERM ({@link #stop()}) or kill ({@link #kill()}), and apps
 * whose Hystrix state must not be reset by another app stopping in the test JVM.
 */
public final class AppProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final int adminPort;
    private final Path log;

    private AppProcess(String name, Process process, int port, int adminPort, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
        this.log = log;
    }

    /**
     * Starts {@code mainClass server config} and waits (up to {@code startTimeout}) until its admin
     * {@code /healthcheck} answers 200; fails with the end of its log otherwise.
     */
    public static AppProcess start(String name, String mainClass, Path config, Map<String, String> env, Duration startTimeout) {
        int port = freePort();
        int adminPort = freePort();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("FLEET_HTTP_PORT", String.valueOf(port));
        environment.put("FLEET_ADMIN_PORT", String.valueOf(adminPort));
        environment.putAll(env);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",   // small and quick to start: a test fixture, not a benchmark
                "-cp", classpath(), mainClass, "server", config.toAbsolutePath().toString()));
        Path log;
        Process process;
        try {
            log = Files.createTempFile("fleet-" + name + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        AppProcess app = new AppProcess(name, process, port, adminPort, log);
        Runtime.getRuntime().addShutdownHook(new Thread(app::kill, "app-process-kill-" + name));
        app.awaitHealthy(startTimeout);
        return app;
    }

    /** Surefire's test classpath (its own java.class.path is a manifest-only booter jar), else this JVM's. */
    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create(admin("/healthcheck"))).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log:\n" + logTail());
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(200);
        }
        kill();
        throw new IllegalStateException(name + " was not healthy within " + timeout.toSeconds() + " s; its log:\n" + logTail());
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public int adminPort() {
        return adminPort;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String admin(String path) {
        return "http://127.0.0.1:" + adminPort + path;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    /** SIGTERM (Dropwizard stops gracefully) and waits until the process is gone; its exit code. */
    public int stop() {
        process.destroy();
        return await(Duration.ofSeconds(30));
    }

    /** SIGKILL: no shutdown hooks, no deregistration. */
    public void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
            await(Duration.ofSeconds(10));
        }
    }

    private int await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** The last lines of its output (for failure messages). */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }

    /** Kills it if still running and deletes its log. */
    @Override
    public void close() {
        kill();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp file
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
