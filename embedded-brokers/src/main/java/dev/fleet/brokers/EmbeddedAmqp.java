package dev.fleet.brokers;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.dropwizard.lifecycle.Managed;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.State;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.VirtualHost;
import org.apache.qpid.server.model.VirtualHostNode;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * An AMQP 0-9-1 broker (Apache Qpid Broker-J) inside the JVM, bound to 127.0.0.1. Messages are kept in a Derby
 * store under the data directory, so persistent messages survive {@link #restart()} (and, with a given data
 * directory, a restart of the process). One user, one virtual host ({@value #VIRTUAL_HOST}).
 *
 * <p>A Dropwizard {@link Managed} object and a JUnit 5 extension
 * ({@code @RegisterExtension static EmbeddedAmqp AMQP = new EmbeddedAmqp();} starts it before the class's tests).
 */
public class EmbeddedAmqp implements Managed, BeforeAllCallback, AfterAllCallback {

    public static final String VIRTUAL_HOST = "default";
    public static final String DEFAULT_USER = "fleet";
    public static final String DEFAULT_PASSWORD = "fleet";

    private final Path dataDirectory;
    private final boolean temporary;
    private final String user;
    private final String password;
    private int port;
    private Path resolvedData;
    private SystemLauncher launcher;

    /** A broker on a free port with a temporary data directory (deleted on {@link #stop()}). */
    public EmbeddedAmqp() {
        this(0, null);
    }

    /**
     * @param port          the AMQP port, or 0 for a free one (chosen at the first start and then kept)
     * @param dataDirectory where the messages are stored (created if missing and kept on stop), or null for a
     *                      temporary directory deleted on stop
     */
    public EmbeddedAmqp(int port, Path dataDirectory) {
        this(port, dataDirectory, DEFAULT_USER, DEFAULT_PASSWORD);
    }

    public EmbeddedAmqp(int port, Path dataDirectory, String user, String password) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        this.port = port;
        this.temporary = dataDirectory == null;
        this.dataDirectory = dataDirectory;
        this.user = user;
        this.password = password;
        quietLogging();
    }

    @Override
    public synchronized void start() throws Exception {
        if (launcher != null) {
            return;
        }
        quietLogging();
        // Derby writes derby.log into the working directory unless told otherwise: route it to Qpid's logger
        if (System.getProperty("derby.stream.error.method") == null && System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.method", "org.apache.qpid.server.store.derby.DerbyUtils.getDerbyLogWriter");
        }
        Path data = dataDirectory();
        Files.createDirectories(data);
        if (port == 0) {
            port = freePort();
        }
        Path config = data.resolve("initial-config.json");
        Files.writeString(config, initialConfig(data), StandardCharsets.UTF_8);

        // The broker's own configuration (users, port) is rebuilt from the initial config at every start; the
        // queues and messages live in the virtual host node's Derby store, which is what survives a restart.
        Path brokerConfig = data.resolve("broker-config.json");
        Files.deleteIfExists(brokerConfig);
        Files.deleteIfExists(data.resolve("broker-config.json.bak"));
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "JSON");
        attributes.put("storePath", brokerConfig.toString());
        attributes.put("initialConfigurationLocation", config.toUri().toString());
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("context", Map.of(
                "qpid.work_dir", data.toString(),
                "qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}",
                // no JVM-wide shutdown hook: the owner stops the broker
                "qpid.broker.registerShutdownHook", "false"));
        AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        SystemLauncher started = new SystemLauncher(new SystemLauncherListener.DefaultSystemLauncherListener() {
            @Override
            public void onContainerResolve(SystemConfig<?> config) {
                system.set(config);
            }

            @Override
            public void errorOnStartup(RuntimeException e) {
                failure.set(e);
            }
        });
        try {
            started.startup(attributes);
            if (failure.get() != null) {
                throw failure.get();
            }
            // Qpid logs some startup failures instead of throwing them
            if (!listening(port) || system.get() == null) {
                throw new IllegalStateException("nothing listens on the AMQP port after startup (see Qpid's log)");
            }
            awaitActiveVirtualHost(system.get());
        } catch (Exception e) {
            try {
                started.shutdown();
            } catch (RuntimeException ignored) {
                // already failing
            }
            throw new IllegalStateException("embedded AMQP broker did not start on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        launcher = started;
    }

    @Override
    public void stop() {
        shutdown();
        if (temporary && resolvedData != null) {
            deleteRecursively(resolvedData);
            resolvedData = null;
        }
    }

    /** Stops and starts the broker again on the same port with the same data (persistent messages survive). */
    public void restart() throws Exception {
        shutdown();
        start();
    }

    /** {@code amqp://user:password@127.0.0.1:port/default}; the port is known once started. */
    public synchronized URI uri() {
        if (port == 0) {
            throw new IllegalStateException("the broker has not been started yet");
        }
        return URI.create("amqp://" + user + ":" + password + "@127.0.0.1:" + port + "/" + VIRTUAL_HOST);
    }

    public synchronized int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return launcher != null;
    }

    /** The directory holding the broker's store (created at start). */
    public synchronized Path dataDirectory() {
        if (resolvedData == null) {
            try {
                resolvedData = temporary ? Files.createTempDirectory("fleet-amqp-") : dataDirectory.toAbsolutePath();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return resolvedData;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private synchronized void shutdown() {
        if (launcher != null) {
            try {
                launcher.shutdown();
            } finally {
                launcher = null;
            }
        }
    }

    private String initialConfig(Path data) {
        String store = data.resolve("vhn-" + VIRTUAL_HOST).toString().replace("\\", "\\\\");
        return """
                {
                  "name": "fleet-embedded-amqp",
                  "modelVersion": "9.0",
                  "authenticationproviders": [ {
                    "name": "plain", "type": "Plain", "secureOnlyMechanisms": [],
                    "users": [ { "name": "%s", "type": "managed", "password": "%s" } ]
                  } ],
                  "ports": [ {
                    "name": "AMQP", "port": %d, "bindingAddress": "127.0.0.1",
                    "protocols": [ "AMQP_0_9_1" ], "authenticationProvider": "plain",
                    "virtualhostaliases": [
                      { "name": "nameAlias", "type": "nameAlias" },
                      { "name": "defaultAlias", "type": "defaultAlias" } ]
                  } ],
                  "virtualhostnodes": [ {
                    "name": "%s", "type": "DERBY", "storePath": "%s", "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{\\"type\\": \\"ProvidedStore\\"}"
                  } ]
                }
                """.formatted(json(user), json(password), port, VIRTUAL_HOST, store);
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** The port opens before the virtual host has recovered its store; clients are refused until then. */
    private static void awaitActiveVirtualHost(SystemConfig<?> system) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Broker<?> broker = (Broker<?>) system.getContainer(Broker.class);
            for (VirtualHostNode<?> node : broker.getChildren(VirtualHostNode.class)) {
                VirtualHost<?> host = node.getVirtualHost();
                if (host != null && host.getState() == State.ACTIVE) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("virtual host " + VIRTUAL_HOST + " did not become active within 30 s");
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Qpid logs every connection and queue at INFO, and Derby's boot messages arrive at WARN: keep the rest. */
    private static void quietLogging() {
        quiet("qpid", Level.WARN);
        quiet("org.apache.qpid", Level.WARN);
        quiet("DERBY", Level.ERROR);
    }

    private static void quiet(String name, Level level) {
        // an explicitly configured level (e.g. in config.yml) wins
        if (LoggerFactory.getLogger(name) instanceof Logger logger && logger.getLevel() == null) {
            logger.setLevel(level);
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp directory is harmless
        }
    }
}
