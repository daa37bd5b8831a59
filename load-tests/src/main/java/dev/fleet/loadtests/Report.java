package dev.fleet.loadtests;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The benchmark's Markdown: machine facts, then one table row per broker and path. */
final class Report {

    private Report() {
    }

    static String markdown(OffsetDateTime started, double loadBefore, double loadAfter, List<String> brokers, int rawN,
                           int fleetN, int runs, int envelopeBytes, List<MessagingBenchmark.Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("# Messaging throughput, ").append(started).append("\n\n");
        out.append(Machine.line(loadBefore, loadAfter)).append('\n');
        brokers.forEach(b -> out.append("- ").append(b).append('\n'));
        out.append("- Messages: ").append(envelopeBytes).append("-byte envelope (ChargeRequested-like), ")
                .append(Messages.AGGREGATES).append(" aggregates; raw N = ").append(rawN).append(", Fleet N = ").append(fleetN)
                .append("; one discarded warm-up of N/4, then ").append(runs).append(" measured runs per path\n");
        out.append("- Fleet path: outbox in in-memory H2 (one transaction per append) → OutboxRelay (poll / batch as named) → "
                + "publisher in Hystrix → broker → Fleet consumer → effect row (unique message id) in H2\n");
        out.append("- msg/s = N / (first send or append → last consumer effect); \"relay alone\" = N / (first append → "
                + "every outbox row marked sent, polled every 5 ms); Fleet / raw compares the medians\n\n");
        out.append("| Broker | Path | N | median msg/s | min–max msg/s | Fleet / raw (median) | relay alone: median msg/s | duplicates |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (MessagingBenchmark.Row row : rows) {
            out.append("| ").append(row.broker()).append(" | ").append(row.path()).append(" | ").append(row.n())
                    .append(" | ").append(fmt0(row.stats().median()))
                    .append(" | ").append(fmt0(row.stats().min())).append("–").append(fmt0(row.stats().max()))
                    .append(" | ").append(row.ratio() == null ? "—" : String.format(Locale.ROOT, "%.3f", row.ratio()))
                    .append(" | ").append(row.relayStats() == null ? "—" : fmt0(row.relayStats().median()))
                    .append(" | ").append(row.ratio() == null ? "—" : Integer.toString(row.duplicates())).append(" |\n");
        }
        out.append("\nRuns (msg/s, in order):\n\n");
        for (MessagingBenchmark.Row row : rows) {
            out.append("- ").append(row.broker()).append(", ").append(row.path()).append(": ")
                    .append(row.stats().perSecond().stream().map(Report::fmt0).collect(Collectors.joining(", "))).append('\n');
        }
        return out.toString();
    }

    static String fmt0(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
