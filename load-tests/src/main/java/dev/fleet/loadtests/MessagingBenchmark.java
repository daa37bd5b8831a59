package dev.fleet.loadtests;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.brokers.TestAmqp;
import dev.fleet.brokers.TestKafka;
import dev.fleet.platform.outbox.OutboxRelay;
import io.dropwizard.jackson.Jackson;
import org.apache.kafka.common.utils.AppInfoParser;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Messaging throughput, run on demand (never by {@code ./mvnw verify}): for Kafka and RabbitMQ, the raw client's
 * produce→consume rate and Fleet's outbox-row→consumer-effect rate, measured in the same run, and their ratio.
 * Embedded brokers by default; the real ones named by {@code FLEET_IT_KAFKA} / {@code FLEET_IT_RABBITMQ}.
 * Settings (environment): {@code BENCH_BROKERS} (kafka,rabbitmq), {@code BENCH_RAW_N} (5000), {@code BENCH_FLEET_N}
 * (1000), {@code BENCH_RUNS} (3), {@code BENCH_RELAY} (pollMs:batch,… default {@code 200:100,10:500}).
 * Results go to stdout and to {@code <bench.results>/messaging-<date>-<brokers>.md}. See load-tests/README.md.
 */
public final class MessagingBenchmark {

    private static final ObjectMapper JSON = Jackson.newObjectMapper();

    record Row(String broker, String path, int n, Stats stats, Stats relayStats, Double ratio, int duplicates) {
    }

    record RelayConfig(int pollMs, int batch) {
        static List<RelayConfig> parse(String text) {
            return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
                String[] parts = s.split(":");
                return new RelayConfig(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            }).toList();
        }

        OutboxRelay.Settings settings() {
            OutboxRelay.Settings d = OutboxRelay.Settings.defaults();
            return new OutboxRelay.Settings(Duration.ofMillis(pollMs), batch, d.initialBackoff(), d.maxBackoff(), d.backlogThreshold());
        }

        String label() {
            boolean defaults = pollMs == OutboxRelay.Settings.defaults().pollInterval().toMillis()
                    && batch == OutboxRelay.Settings.defaults().batchSize();
            return "Fleet, relay " + pollMs + " ms / " + batch + (defaults ? " (defaults)" : "");
        }
    }

    private final List<String> brokers = List.of(env("BENCH_BROKERS", "kafka,rabbitmq").split(","));
    private final int rawN = Integer.parseInt(env("BENCH_RAW_N", "5000"));
    private final int fleetN = Integer.parseInt(env("BENCH_FLEET_N", "1000"));
    private final int runs = Integer.parseInt(env("BENCH_RUNS", "3"));
    private final List<RelayConfig> relays = RelayConfig.parse(env("BENCH_RELAY", "200:100,10:500"));
    private final List<Row> rows = new ArrayList<>();
    private final List<String> brokerFacts = new ArrayList<>();
    private final List<String> kinds = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        int status = 0;
        try {
            new MessagingBenchmark().run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // the embedded brokers' threads; their shutdown hooks stop them
    }

    private void run() throws Exception {
        String report = measure();
        System.out.println(report);
        Path dir = Path.of(System.getProperty("bench.results", "results"));
        Files.createDirectories(dir);
        String kind = kinds.stream().distinct().count() == 1 ? kinds.get(0) : String.join("-", kinds);
        Path file = dir.resolve("messaging-" + LocalDate.now(ZoneOffset.UTC) + "-" + kind + ".md");
        Files.writeString(file, report);
        System.out.println("written to " + file);
    }

    /** Every broker's paths, measured; the Markdown report (also for {@link Benchmarks}). */
    static String report() throws Exception {
        return new MessagingBenchmark().measure();
    }

    private String measure() throws Exception {
        double loadBefore = loadAverage();
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        for (String broker : brokers) {
            switch (broker.trim()) {
                case "kafka" -> kafka();
                case "rabbitmq" -> rabbitmq();
                default -> throw new IllegalArgumentException("BENCH_BROKERS: unknown broker '" + broker + "'");
            }
        }
        return Report.markdown(started, loadBefore, loadAverage(), brokerFacts, rawN, fleetN, runs, envelopeBytes(), rows);
    }

    private void kafka() throws Exception {
        boolean real = TestKafka.isExternal();
        String bootstrap = TestKafka.bootstrapServers();
        kinds.add(real ? "real" : "embedded");
        brokerFacts.add("Kafka: " + (real ? "real broker at " + bootstrap + " (FLEET_IT_KAFKA)" : "embedded KRaft broker in the benchmark JVM")
                + "; client " + AppInfoParser.getVersion() + ", 3 partitions, replication factor 1");
        measure("Kafka", bootstrap, () -> new KafkaPaths.Raw(bootstrap, JSON),
                relay -> new KafkaPaths.Fleet(bootstrap, JSON, relay.settings()));
    }

    private void rabbitmq() throws Exception {
        boolean real = TestAmqp.realBrokerRequested();
        URI uri = TestAmqp.uri();
        kinds.add(real ? "real" : "embedded");
        brokerFacts.add("AMQP: " + (real ? "real broker at " + uri.getHost() + ":" + uri.getPort() + " (FLEET_IT_RABBITMQ)"
                : "embedded broker in the benchmark JVM") + ", server " + AmqpPaths.serverVersion(uri)
                + "; amqp-client " + com.rabbitmq.client.impl.ClientVersion.VERSION + ", prefetch " + AmqpPaths.PREFETCH);
        measure(real ? "RabbitMQ" : "AMQP (Qpid)", uri.toString(), () -> new AmqpPaths.Raw(uri, JSON),
                relay -> new AmqpPaths.Fleet(uri, JSON, relay.settings()));
    }

    interface FleetFactory {
        BenchPath create(RelayConfig relay) throws Exception;
    }

    private void measure(String broker, String where, Callable<BenchPath> raw, FleetFactory fleet) throws Exception {
        Stats rawStats;
        try (BenchPath path = raw.call()) {
            rawStats = measure(broker + " raw client", path, rawN).stats();
        }
        rows.add(new Row(broker, "raw client", rawN, rawStats, null, null, 0));
        for (RelayConfig relay : relays) {
            Row measured;
            try (BenchPath path = fleet.create(relay)) {
                measured = measure(broker + " " + relay.label(), path, fleetN);
            }
            rows.add(new Row(broker, relay.label(), fleetN, measured.stats(), measured.relayStats(), measured.stats().median() / rawStats.median(),
                    measured.duplicates()));
        }
    }

    /** One discarded warm-up run of n/4 (JIT, connections, consumer group join), then the measured runs. */
    private Row measure(String label, BenchPath path, int n) throws Exception {
        int warmup = Math.max(50, n / 4);
        System.err.printf(Locale.ROOT, "%s: warm-up %d ... %.0f msg/s%n", label, warmup, Stats.rate(warmup, path.run(warmup)));
        List<Double> rates = new ArrayList<>();
        List<Double> relayRates = new ArrayList<>();
        int duplicates = 0;
        for (int i = 1; i <= runs; i++) {
            double rate = Stats.rate(n, path.run(n));
            duplicates += path.duplicates();
            rates.add(rate);
            if (path.lastRelayNanos() > 0) {
                relayRates.add(Stats.rate(n, path.lastRelayNanos()));
            }
            System.err.printf(Locale.ROOT, "%s: run %d/%d, %d messages: %.0f msg/s%n", label, i, runs, n, rate);
        }
        return new Row("", label, n, new Stats(rates), relayRates.isEmpty() ? null : new Stats(relayRates), null, duplicates);
    }

    private static int envelopeBytes() {
        return Messages.envelope(0, "fleet.billing.charges", JSON).length;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
