package dev.fleet.brokers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The AMQP broker of a test run: the real one named by {@code FLEET_IT_RABBITMQ} (an AMQP URI such as
 * {@code amqp://guest:guest@127.0.0.1:5672/%2F}) when set, otherwise one embedded broker shared by the whole JVM.
 * A set but unreachable server fails loudly; it never falls back to the embedded broker.
 */
public final class TestAmqp {

    public static final String URI_ENV = "FLEET_IT_RABBITMQ";
    /** A shell command that restarts the real server and returns once it accepts connections again. */
    public static final String RESTART_ENV = "FLEET_IT_RABBITMQ_RESTART";

    private static EmbeddedAmqp shared;

    private TestAmqp() {
    }

    public static boolean realBrokerRequested() {
        String value = System.getenv(URI_ENV);
        return value != null && !value.isBlank();
    }

    /** The broker's URI; starts the shared embedded broker on first use. */
    public static synchronized URI uri() {
        if (realBrokerRequested()) {
            URI uri = URI.create(System.getenv(URI_ENV).trim());
            checkReachable(uri);
            return uri;
        }
        return embedded().uri();
    }

    /** Restarts the broker (keeping its messages) and returns when it accepts connections again. */
    public static synchronized void restart() throws Exception {
        if (!realBrokerRequested()) {
            embedded().restart();
            return;
        }
        String command = System.getenv(RESTART_ENV);
        if (command == null || command.isBlank()) {
            throw new IllegalStateException(URI_ENV + " names a real broker but " + RESTART_ENV
                    + " is not set: this test needs a command that restarts it");
        }
        Process process = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(RESTART_ENV + " did not finish within 120 s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(RESTART_ENV + " failed with exit code " + process.exitValue() + ": " + command);
        }
        checkReachable(URI.create(System.getenv(URI_ENV).trim()));
    }

    private static EmbeddedAmqp embedded() {
        if (shared == null) {
            EmbeddedAmqp broker = new EmbeddedAmqp();
            try {
                broker.start();
            } catch (Exception e) {
                throw new IllegalStateException("the shared embedded AMQP broker did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "embedded-amqp-stop"));
            shared = broker;
        }
        return shared;
    }

    private static void checkReachable(URI uri) {
        int port = uri.getPort() == -1 ? ("amqps".equals(uri.getScheme()) ? 5671 : 5672) : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), 5000);
        } catch (IOException e) {
            throw new IllegalStateException(URI_ENV + " is set to " + uri + " but nothing answers at " + uri.getHost()
                    + ":" + port + " (" + e.getMessage() + ")", e);
        }
    }
}
