package dev.fleet.brokers;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka of broker test suites ({@code @Tag("broker")}): the server named by {@code FLEET_IT_KAFKA} (bootstrap
 * servers, e.g. {@code 127.0.0.1:9092}) when set, else one embedded broker shared by the whole JVM, started on
 * first use. A set but unreachable server fails loudly; there is no fallback.
 */
public final class TestKafka {

    public static final String ENV = "FLEET_IT_KAFKA";
    /** A shell command that restarts the real server and returns once it is ready again (CI sets it). */
    public static final String RESTART_ENV = "FLEET_IT_KAFKA_RESTART";

    private static EmbeddedKafka shared;
    private static boolean checked;

    private TestKafka() {
    }

    public static boolean isExternal() {
        String value = System.getenv(ENV);
        return value != null && !value.isBlank();
    }

    /** Bootstrap servers of the test broker. */
    public static synchronized String bootstrapServers() {
        if (isExternal()) {
            String servers = System.getenv(ENV).trim();
            if (!checked) {
                assertReachable(servers);
                checked = true;
            }
            return servers;
        }
        if (shared == null) {
            EmbeddedKafka kafka = new EmbeddedKafka();
            try {
                kafka.start();
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the embedded Kafka broker", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::stop, "embedded-kafka-stop"));
            shared = kafka;
        }
        return shared.bootstrapServers();
    }

    /**
     * Restarts the test broker, keeping its data: the embedded one in-process, a real one by running
     * {@code FLEET_IT_KAFKA_RESTART}; fails with a clear message when the broker is real and that is not set.
     */
    public static synchronized void restart() throws IOException, InterruptedException {
        if (!isExternal()) {
            bootstrapServers();
            shared.restart();
            return;
        }
        String command = System.getenv(RESTART_ENV);
        if (command == null || command.isBlank()) {
            throw new IllegalStateException(ENV + " names a real broker but " + RESTART_ENV
                    + " is not set: this test needs a command that restarts it");
        }
        Process process = new ProcessBuilder("sh", "-c", command).inheritIO().start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(RESTART_ENV + " did not finish within 120 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(RESTART_ENV + " failed with exit code " + process.exitValue());
        }
        assertReachable(System.getenv(ENV).trim());
    }

    private static void assertReachable(String servers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000))) {
            admin.describeCluster().clusterId().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(ENV + "=" + servers + " is set but that Kafka is unreachable: " + e, e);
        }
    }
}
