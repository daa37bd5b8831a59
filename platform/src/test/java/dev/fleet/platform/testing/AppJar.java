package dev.fleet.platform.testing;

import java.io.IOException;
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
 * A Fleet app's runnable jar in its own JVM ({@code java -jar target/<app>.jar server config.yml}) on free loopback
 * ports, with its own H2 database in a temp directory; output in a temp log. Plain JDK code: modules that must keep
 * Dropwizard off their classpath (edge-proxy, hystrix-dashboard) use it through the platform test-jar without its
 * dependencies. ({@link AppProcess} runs an app from the test classpath instead.)
 */
public final class AppJar implements AutoCloseable {
    /** The repository root (surefire runs in the module directory). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final String name;
    private final Process process;
    private final int port;
    private final int adminPort;
    private final Path log;
    private final Path data;

    private AppJar(String name, Process process, int port, int adminPort, Path log, Path data) {
        this.name = name;
        this.data = data;
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
        this.log = log;
    }

    public static Path jar(String module, String jar) {
        return ROOT.resolve(module).resolve("target").resolve(jar + ".jar");
    }

    /** Starts without waiting; {@link #awaitHealthy} waits. */
    public static AppJar start(String name, String module, String jar, Map<String, String> env) throws IOException {
        int port = freePort();
        int adminPort = freePort();
        Path data = Files.createTempDirectory("fleet-" + name + "-");
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("FLEET_HTTP_PORT", String.valueOf(port));
        environment.put("FLEET_ADMIN_PORT", String.valueOf(adminPort));
        environment.put("FLEET_DB_URL", "jdbc:h2:file:" + data.resolve("db") + ";MODE=PostgreSQL;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000");
        environment.put("FLEET_LOG_LEVEL", "WARN");
        environment.putAll(env);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar(module, jar).toString(), "server", ROOT.resolve(module).resolve("config.yml").toString()));
        Path log = Files.createTempFile("fleet-" + name + "-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(data.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        AppJar app = new AppJar(name, builder.start(), port, adminPort, log, data);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "app-jar-kill-" + name));
        return app;
    }

    public AppJar awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log:\n" + logTail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(admin("/healthcheck"))).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException(name + " was not healthy within " + timeout.toSeconds() + " s; its log:\n" + logTail());
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public String admin(String path) {
        return "http://127.0.0.1:" + adminPort + path;
    }

    public URI stream() {
        return URI.create(admin("/hystrix.stream"));
    }

    public String name() {
        return name;
    }

    /** SIGTERM: Dropwizard stops gracefully (with Consul on, the app deregisters first); waits until it is gone. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not stop within 30 s after SIGTERM; its log:\n" + logTail());
        }
        return process.exitValue();
    }

    /** Killed at once (SIGKILL): an instance that dies. Its database goes; its log stays (temp dir). */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (java.util.stream.Stream<Path> files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // already gone
        }
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
