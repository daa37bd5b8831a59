package dev.fleet.loadtests.edge;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The edge benchmark's Markdown: per target what it delivered and its latency, and against the direct baseline of
 * the same run the throughput ratio and the added p50/p99; then how to read it and the proxies' configurations.
 */
final class EdgeReport {
    /** Everything about the run that is not a measurement. */
    record Run(OffsetDateTime started, String machine, List<String> versions, BenchSettings settings, int workers,
               Map<String, String> configs) {
    }

    private EdgeReport() {
    }

    static String markdown(Run run, List<Measurement.Result> results) {
        BenchSettings s = run.settings();
        StringBuilder out = new StringBuilder();
        out.append("# Edge: the monolith direct, through Zuul, nginx and HAProxy, ").append(run.started()).append("\n\n");
        out.append(run.machine()).append('\n');
        out.append("- Versions: ").append(String.join(", ", run.versions())).append('\n');
        out.append("- Load (Gatling, open model, in the benchmark's JVM on the same machine): ").append(num(s.rate()))
                .append(" requests/s, a third `GET /api/cars`, two thirds `GET /api/cars/{id}`, with `X-Api-Key`, over ")
                .append("one shared pool of keep-alive connections. First ").append(s.prime().toSeconds())
                .append(" s priming").append(s.primeRate() == s.rate() ? "" : " at " + num(s.primeRate()) + " requests/s")
                .append(' ').append(s.targets().contains(BenchSettings.Target.ZUUL) ? "through the edge" : "direct")
                .append(" (discarded; warms the JVMs); then ").append(s.rounds())
                .append(s.rounds() == 1 ? " round" : " rounds, in alternating order,")
                .append(" of every target: ").append(s.warmup().toSeconds()).append(" s warm-up (discarded) + ")
                .append(s.window().toSeconds()).append(" s measured, ").append(s.duration().toSeconds())
                .append(" s measured per target in all; the priming and every warm-up ramp up from a tenth of the rate over their first half")
                .append(s.quick() ? " (BENCH_QUICK: a smoke run, not for comparison)" : "").append('\n');
        out.append("- Proxies: ").append(run.workers()).append(" workers each (Zuul's Netty event loops, nginx ")
                .append("`worker_processes`, HAProxy `nbthread`), keep-alive to the monolith, connect 1 s / read 10 s, ")
                .append("one access-log line per request; the edge's protections — rate limit per key, origin ")
                .append("concurrency limit (200), Ribbon's 50 connections per origin — raised out of the way (nginx and ")
                .append("HAProxy have none: they queue or open connections instead of answering 503); configurations at ")
                .append("the end\n\n");

        Optional<Measurement.Result> base = results.stream().filter(r -> r.target().equals(BenchSettings.Target.DIRECT.id)).findFirst();
        out.append("| target | requests | offered/s | OK/s | errors | p50 ms | p99 ms | throughput ratio | added p50 ms | added p99 ms |\n");
        out.append("|---|---:|---:|---:|---|---:|---:|---:|---:|---:|\n");
        for (Measurement.Result r : results) {
            boolean baseline = base.isPresent() && base.get() == r;
            out.append("| ").append(label(r.target())).append(baseline ? " (baseline)" : "")
                    .append(" | ").append(r.requests())
                    .append(" | ").append(num(r.offeredPerSecond()))
                    .append(" | ").append(num(r.okPerSecond()))
                    .append(" | ").append(r.errorCount() == 0 ? "0" : r.errorCount() + " (" + Measurement.describe(r.errors()) + ")")
                    .append(" | ").append(ms(r.p50Ms()))
                    .append(" | ").append(ms(r.p99Ms()))
                    .append(" | ").append(baseline || base.isEmpty() ? "—" : ratio(r.okPerSecond(), base.get().okPerSecond()))
                    .append(" | ").append(baseline || base.isEmpty() ? "—" : added(r.p50Ms() - base.get().p50Ms()))
                    .append(" | ").append(baseline || base.isEmpty() ? "—" : added(r.p99Ms() - base.get().p99Ms()))
                    .append(" |\n");
        }
        for (Measurement.Result r : results) {
            if (r.offeredPerSecond() < 0.95 * s.rate()) {
                out.append("\n**Note:** ").append(r.target()).append(" was offered ").append(num(r.offeredPerSecond()))
                        .append("/s of the ").append(num(s.rate())).append("/s asked: the load generator fell behind, ")
                        .append("its numbers understate the load.\n");
            }
        }
        out.append("""

                How to read it:

                - **offered/s** is the rate the requests arrived at (the open model does not slow down when a target
                  does); **OK/s** is the 200s that ended in the measured window. Below saturation both equal the rate
                  and the **throughput ratio** (OK/s against direct) is 1.00: the proxy kept up. Past saturation OK/s
                  is what the target really delivered, and the ratio shows what the extra hop costs in capacity.
                - **p50/p99** are over the 200s of the requests that arrived in the window (nearest rank, from
                  `System.nanoTime()` around each request in Gatling); **added** is the difference to the direct
                  baseline of this run: the cost of the extra hop per request. Errors are anything but 200, or no
                  answer within 10 s.
                - Everything shares the machine's cores: Gatling, the proxy and the monolith. A proxy's CPU comes out
                  of the monolith's share, so at saturation the ratio measures that contention as much as the proxy's
                  own speed. A single run on a shared machine is noisy (the load average is above): compare the
                  targets within one run, not numbers across runs.
                """);
        run.configs().forEach((name, text) -> out.append("\n<details><summary>").append(name)
                .append("</summary>\n\n```\n").append(text.strip()).append("\n```\n</details>\n"));
        return out.toString();
    }

    static String label(String target) {
        return target + ": " + BenchSettings.Target.of(target).label;
    }

    /** Throughput ratio against the baseline, "—" when the baseline has none. */
    static String ratio(double value, double baseline) {
        return baseline > 0 ? String.format(Locale.ROOT, "%.2f", value / baseline) : "—";
    }

    static String added(double ms) {
        return Double.isNaN(ms) ? "—" : String.format(Locale.ROOT, Math.abs(ms) < 10 ? "%+.2f" : "%+.1f", ms);
    }

    static String ms(double ms) {
        return Double.isNaN(ms) ? "—" : String.format(Locale.ROOT, ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%.0f", ms);
    }

    private static String num(double perSecond) {
        return String.format(Locale.ROOT, "%.1f", perSecond);
    }
}
