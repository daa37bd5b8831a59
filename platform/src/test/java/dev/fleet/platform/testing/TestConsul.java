package dev.fleet.platform.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Consul agent for the discovery tests, in this order:
 * <ol>
 *   <li>{@code FLEET_IT_CONSUL} (e.g. {@code http://127.0.0.1:8500} after {@code .ci/consul start}): that agent.
 *       Set but without a leader, the test fails instead of falling back.</li>
 *   <li>a Consul binary at {@code FLEET_CONSUL_BIN}, or the one {@code .ci/consul build} caches in
 *       {@code $FLEET_CACHE_DIR} (default {@code ~/.cache/fleet})/consul-&lt;version of tools/consul&gt;/consul:
 *       one {@code consul agent -dev} on loopback and free ports, started once for this JVM and stopped when it
 *       exits.</li>
 *   <li>otherwise the test is skipped (a JUnit assumption failure) saying how to get an agent.</li>
 * </ol>
 * A -dev agent is shared by every test in the JVM: tests use unique service names/ids and clean up after themselves.
 */
public final class TestConsul {

    public static final String URL_ENV = "FLEET_IT_CONSUL";
    public static final String BIN_ENV = "FLEET_CONSUL_BIN";

    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static URI started;           // the agent this JVM started, once
    private static Process process;
    private static Path log;              // its output; kept only when it failed to start

    private TestConsul() {
    }

    /** The agent's base URL ({@code http://host:port}); skips the calling test when no agent can be had. */
    public static synchronized URI url() {
        String configured = System.getenv(URL_ENV);
        if (configured != null && !configured.isBlank()) {
            URI uri = URI.create(configured.trim().replaceAll("/+$", ""));
            if (!awaitLeader(uri, Duration.ofSeconds(10), null)) {
                throw new IllegalStateException(URL_ENV + " is set to " + uri + " but that Consul agent has no leader"
                        + " (is it running? `.ci/consul status`)");
            }
            return uri;
        }
        if (started != null) {
            return started;
        }
        Optional<Path> binary = binary();
        Assumptions.assumeTrue(binary.isPresent(), "no Consul agent: set " + URL_ENV + "=http://127.0.0.1:8500 (after"
                + " `.ci/consul start`), or run `.ci/consul build` (or set " + BIN_ENV + ") so tests start their own");
        started = start(binary.get());
        return started;
    }

    /** {@code FLEET_CONSUL_BIN}, else the binary {@code .ci/consul build} caches, when it exists. */
    static Optional<Path> binary() {
        String configured = System.getenv(BIN_ENV);
        if (configured != null && !configured.isBlank()) {
            Path path = Paths.get(configured.trim());
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(BIN_ENV + "=" + configured + " is not an executable file");
            }
            return Optional.of(path);
        }
        return pinnedVersion().map(version -> cacheDir().resolve("consul-" + version).resolve("consul"))
                .filter(Files::isExecutable);
    }

    /** Same default as .ci/consul: $FLEET_CACHE_DIR, else $XDG_CACHE_HOME/fleet, else ~/.cache/fleet. */
    private static Path cacheDir() {
        String fleet = System.getenv("FLEET_CACHE_DIR");
        if (fleet != null && !fleet.isBlank()) {
            return Paths.get(fleet);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return base.resolve("fleet");
    }

    /** The Consul version tools/consul/go.mod pins, found by walking up from the working directory. */
    private static Optional<String> pinnedVersion() {
        Pattern require = Pattern.compile("^\\s*github\\.com/hashicorp/consul (v\\S+)", Pattern.MULTILINE);
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path goMod = dir.resolve("tools/consul/go.mod");
            if (Files.isRegularFile(goMod)) {
                try {
                    Matcher matcher = require.matcher(Files.readString(goMod));
                    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + goMod, e);
                }
            }
        }
        return Optional.empty();
    }

    private static URI start(Path binary) {
        // Free ports for all its listeners, so it runs beside .ci/consul's agent or another test JVM.
        int[] ports = freePorts(4);
        int http = ports[0];
        List<String> command = command(binary, "fleet-test", ports);
        try {
            log = Files.createTempFile("fleet-consul-", ".log");
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(TestConsul::stop, "test-consul-stop"));
        URI uri = URI.create("http://127.0.0.1:" + http);
        if (!awaitLeader(uri, LEADER_TIMEOUT, process)) {
            process.destroyForcibly();
            process = null;       // so the shutdown hook keeps the log
            throw new IllegalStateException("Consul (" + binary + ") elected no leader within " + LEADER_TIMEOUT.toSeconds()
                    + " s; its log: " + log);
        }
        return uri;
    }

    /** Polls /v1/status/leader until it names a leader; false when the time is up (or a started agent died). */
    private static boolean awaitLeader(URI uri, Duration timeout, Process process) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(uri.resolve("/v1/status/leader")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                return false;
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                // No leader yet: 200 with "" (a quoted empty string).
                if (response.statusCode() == 200 && response.body().replace("\"", "").strip().length() > 0) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * A PRIVATE agent for a test that stops Consul mid-run (the shared one must stay up for the other tests): its own
     * free ports, kept across {@link PrivateAgent#stop()} and {@link PrivateAgent#start()}, so apps configured with
     * its URL find it again after a restart (with no state: it is a -dev agent). Skips the test like {@link #url()}
     * when there is no binary; FLEET_IT_CONSUL does not help here (that agent is not ours to stop).
     */
    public static PrivateAgent privateAgent() {
        Optional<Path> binary = binary();
        Assumptions.assumeTrue(binary.isPresent(), "no Consul binary for a private agent: run `.ci/consul build` (or set "
                + BIN_ENV + ")");
        PrivateAgent agent = new PrivateAgent(binary.get(), freePorts(4));
        Runtime.getRuntime().addShutdownHook(new Thread(agent::stop, "test-consul-private-stop"));
        agent.start();
        return agent;
    }

    /** A Consul -dev agent a test owns: {@link #stop()} and {@link #start()} it again on the same ports. */
    public static final class PrivateAgent implements AutoCloseable {
        private final Path binary;
        private final int[] ports;
        private Process process;
        private Path log;

        private PrivateAgent(Path binary, int[] ports) {
            this.binary = binary;
            this.ports = ports;
        }

        public URI url() {
            return URI.create("http://127.0.0.1:" + ports[0]);
        }

        /** Starts the agent and waits for its leader. */
        public synchronized void start() {
            if (process != null && process.isAlive()) {
                throw new IllegalStateException("the private Consul agent is already running");
            }
            try {
                log = Files.createTempFile("fleet-consul-private-", ".log");
                process = new ProcessBuilder(command(binary, "fleet-private", ports)).redirectErrorStream(true)
                        .redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start " + binary, e);
            }
            if (!awaitLeader(url(), LEADER_TIMEOUT, process)) {
                process.destroyForcibly();
                throw new IllegalStateException("private Consul agent elected no leader; its log: " + log);
            }
        }

        /** Stops the agent (SIGTERM, then a kill) and waits until it is gone, so its ports are free again. */
        public synchronized void stop() {
            if (process != null) {
                terminate(process, log);
                process = null;
            }
        }

        @Override
        public void close() {
            stop();
        }
    }

    private static List<String> command(Path binary, String node, int[] ports) {
        return new ArrayList<>(List.of(binary.toString(), "agent", "-dev",
                "-client", "127.0.0.1", "-bind", "127.0.0.1", "-node", node,
                "-http-port", String.valueOf(ports[0]),
                "-server-port", String.valueOf(ports[1]),
                "-serf-lan-port", String.valueOf(ports[2]),
                "-serf-wan-port", String.valueOf(ports[3]),
                "-dns-port", "-1", "-grpc-port", "-1", "-grpc-tls-port", "-1",
                "-log-level", "warn"));
    }

    /** SIGTERM (the -dev agent leaves and exits), then a kill if it hangs. */
    private static synchronized void stop() {
        if (process != null) {
            terminate(process, log);
            process = null;
        }
    }

    /** SIGTERM, a kill if it hangs, wait until it is gone (its ports free again), then drop its log. */
    private static void terminate(Process process, Path log) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a leftover temp file
        }
    }

    /** n distinct free ports (all held open together, so none is handed out twice). */
    private static int[] freePorts(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("no free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a listener we just opened
                }
            }
        }
    }
}
