package dev.fleet.brokers;

import io.dropwizard.lifecycle.Managed;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real single-node Apache Kafka (KRaft broker and controller in one process) inside this JVM, on loopback.
 * The ports are chosen once (free ones unless given) and kept by {@link #restart()}, as is the log dir, so data
 * written before a restart is there after it. Without a given data dir a temporary one is used and deleted on
 * {@link #stop()}; a given one (e.g. {@code var/kafka} for the launcher) is kept and reused on the next start.
 */
public class EmbeddedKafka implements Managed {

    private static final int NODE_ID = 1;

    private final Path givenDataDir;
    private final Map<String, String> overrides;
    private int port;
    private int controllerPort;
    private Path dataDir;
    private KafkaRaftServer server;

    /** Free ports, a temporary data dir. */
    public EmbeddedKafka() {
        this(0, null, Map.of());
    }

    /**
     * @param port      the client port, 0 for a free one
     * @param dataDir   where the log lives (kept across stops), or null for a temporary dir deleted on stop
     * @param overrides extra broker properties, e.g. {@code num.partitions}
     */
    public EmbeddedKafka(int port, Path dataDir, Map<String, String> overrides) {
        this.port = port;
        this.givenDataDir = dataDir;
        this.overrides = Map.copyOf(overrides);
    }

    /** {@code 127.0.0.1:<port>}; valid once started (and across restarts). */
    public synchronized String bootstrapServers() {
        if (port == 0) {
            throw new IllegalStateException("embedded Kafka has not been started");
        }
        return "127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public synchronized Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void start() throws IOException {
        if (server != null) {
            return;
        }
        if (port == 0) {
            port = freePort();
        }
        if (controllerPort == 0) {
            controllerPort = freePort();
        }
        if (dataDir == null) {
            dataDir = givenDataDir != null ? Files.createDirectories(givenDataDir) : Files.createTempDirectory("fleet-kafka-");
        }
        KafkaConfig config = new KafkaConfig(properties(), false);
        if (!Files.exists(dataDir.resolve("meta.properties"))) {
            format();
        }
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            started.shutdown();
            started.awaitShutdown();
            throw e;
        }
        server = started;
    }

    /** Stops the broker and, for a temporary data dir, deletes it; the ports are free afterwards. */
    @Override
    public synchronized void stop() {
        shutdown();
        if (givenDataDir == null && dataDir != null) {
            deleteRecursively(dataDir);
            dataDir = null;
        }
    }

    /** Stops and starts again on the same ports and log dir: what was written before is still there. */
    public synchronized void restart() throws IOException {
        shutdown();
        start();
    }

    /** Stops the broker but keeps its data dir (a later {@link #start()} resumes on it). */
    public synchronized void shutdown() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    private Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toAbsolutePath().toString());
        // one node: every internal topic with a single replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // consumers join at once instead of after 3 s
        p.put("group.initial.rebalance.delay.ms", "0");
        p.putAll(overrides);
        return p;
    }

    private void format() throws IOException {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dataDir.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(dataDir.toAbsolutePath().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot format the Kafka log dir " + dataDir, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
