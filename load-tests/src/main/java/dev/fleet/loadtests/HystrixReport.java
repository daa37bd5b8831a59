package dev.fleet.loadtests;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Hystrix benchmark's Markdown: per call its latency percentiles and what the command adds against the direct
 * call of the same run (the baseline), then Netflix's published cost of thread isolation for comparison.
 */
final class HystrixReport {
    /** One benchmark method's sampled latencies, in microseconds. */
    record Sample(String benchmark, double p50, double p90, double p99, double mean, long calls) {
    }

    /** Each measured call and its baseline (null for a baseline). */
    private static final Map<String, String> BASELINE = Map.of(
            "trivialSemaphoreCommand", "trivialDirect",
            "trivialThreadCommand", "trivialDirect",
            "httpThreadCommand", "httpDirect");
    private static final List<String> ORDER = List.of("trivialDirect", "trivialSemaphoreCommand", "trivialThreadCommand",
            "httpDirect", "httpThreadCommand");
    private static final Map<String, String> LABEL = Map.of(
            "trivialDirect", "trivial call, direct (baseline)",
            "trivialSemaphoreCommand", "trivial call in a semaphore-isolated command",
            "trivialThreadCommand", "trivial call in a thread-isolated command (pool of 10)",
            "httpDirect", "loopback HTTP GET, direct (baseline)",
            "httpThreadCommand", "loopback HTTP GET in a thread-isolated command");

    private HystrixReport() {
    }

    static String markdown(OffsetDateTime started, double loadBefore, double loadAfter, boolean quick, List<Sample> samples) {
        StringBuilder out = new StringBuilder();
        out.append("# Hystrix overhead, ").append(started).append("\n\n");
        out.append(Machine.line(loadBefore, loadAfter)).append('\n');
        out.append("- JMH sample time, one fork, one caller thread, ")
                .append(quick ? "1×1 s warm-up and 1×1 s measured (BENCH_QUICK: a smoke run, not for comparison)"
                        : "3×2 s warm-up, 5×2 s measured")
                .append("; Hystrix 1.5.18 commands set up like Fleet's RemoteCall (1 s timeout, circuit breaker on)\n\n");
        out.append("| call | calls | p50 µs | p90 µs | p99 µs | mean µs | added p50 / p90 / p99 µs | mean ratio |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String name : ORDER) {
            Optional<Sample> found = find(samples, name);
            if (found.isEmpty()) {
                continue;
            }
            Sample s = found.get();
            Optional<Sample> base = Optional.ofNullable(BASELINE.get(name)).flatMap(b -> find(samples, b));
            out.append("| ").append(LABEL.get(name)).append(" | ").append(s.calls())
                    .append(" | ").append(fmt(s.p50())).append(" | ").append(fmt(s.p90())).append(" | ").append(fmt(s.p99()))
                    .append(" | ").append(fmt(s.mean()))
                    .append(" | ").append(base.map(b -> fmt(s.p50() - b.p50()) + " / " + fmt(s.p90() - b.p90()) + " / "
                            + fmt(s.p99() - b.p99())).orElse("—"))
                    .append(" | ").append(base.map(b -> String.format(Locale.ROOT, "%.1f×", s.mean() / b.mean())).orElse("—"))
                    .append(" |\n");
        }
        out.append("""

                Netflix's published cost of thread isolation (Hystrix wiki, "How it Works": one API instance, a
                command at 60 rps on a pool of 10 threads): median ≈ 0 ms, p90 ≈ 3 ms, p99 ≈ 9 ms added. Those
                numbers include a busy production host; the rows above are one uncontended caller on this machine,
                so they show the floor of the cost: the hand-off to the pool thread, the timeout timer and the
                metrics bookkeeping. Semaphore isolation skips the hand-off and costs the bookkeeping alone.
                """);
        return out.toString();
    }

    private static Optional<Sample> find(List<Sample> samples, String name) {
        return samples.stream().filter(s -> s.benchmark().equals(name)).findFirst();
    }

    private static String fmt(double micros) {
        return String.format(Locale.ROOT, micros < 10 && micros > -10 ? "%.2f" : "%.0f", micros);
    }
}
