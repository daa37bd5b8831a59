package dev.fleet.loadtests.edge;

import dev.fleet.loadtests.Percentiles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one target did in its measured windows, from the requests Gatling made. Each run starts with its first
 * arrival (t0); its first {@code warmup} is discarded and the next {@code window} measured. A target's runs (one
 * per round) are pooled:
 * <ul>
 * <li>requests measured: those that <em>arrived</em> in a window (the open model's offered load); their errors
 * (anything but 200, or no answer) and the latency percentiles of their 200s come from them;</li>
 * <li>throughput: the 200s that <em>ended</em> in a window, per second of window — at a rate the target keeps up
 * with it equals the offered rate, past saturation it is what the target really delivered.</li>
 * </ul>
 */
final class Measurement {
    /** One request: when it was sent and answered ({@link System#nanoTime()}), its HTTP status (0: no answer). */
    record Sample(long start, long end, int status) {
        boolean ok() {
            return status == 200;
        }
    }

    /** One Gatling run's requests and its first arrival. */
    record Run(Collection<Sample> samples, long t0) {
        Run {
            samples = List.copyOf(samples);
        }
    }

    /** A target's numbers; latencies in ms, NaN when no request succeeded. */
    record Result(String target, long requests, long ok, SortedMap<Integer, Long> errors, double offeredPerSecond,
                  double okPerSecond, double p50Ms, double p99Ms) {
        Result {
            errors = new TreeMap<>(errors);
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private Measurement() {
    }

    static Result of(String target, List<Run> runs, Duration warmup, Duration window) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run of " + target);
        }
        long requests = 0;
        long okEnded = 0;
        SortedMap<Integer, Long> errors = new TreeMap<>();
        List<Long> latencies = new ArrayList<>();
        for (Run run : runs) {
            long from = run.t0() + warmup.toNanos();
            long to = from + window.toNanos();
            for (Sample s : run.samples()) {
                if (s.ok() && s.end() >= from && s.end() < to) {
                    okEnded++;
                }
                if (s.start() < from || s.start() >= to) {
                    continue;
                }
                requests++;
                if (s.ok()) {
                    latencies.add(s.end() - s.start());
                } else {
                    errors.merge(s.status(), 1L, Long::sum);
                }
            }
        }
        double seconds = runs.size() * window.toNanos() / 1e9;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        if (!latencies.isEmpty()) {
            Percentiles p = Percentiles.of(latencies.stream().mapToLong(Long::longValue).toArray());
            p50 = p.at(50) / 1e6;
            p99 = p.at(99) / 1e6;
        }
        return new Result(target, requests, latencies.size(), errors, requests / seconds, okEnded / seconds, p50, p99);
    }

    /** "503 ×12, no answer ×3", or "—". */
    static String describe(Map<Integer, Long> errors) {
        if (errors.isEmpty()) {
            return "—";
        }
        StringBuilder out = new StringBuilder();
        errors.forEach((status, n) -> out.append(out.length() == 0 ? "" : ", ")
                .append(status == 0 ? "no answer" : status.toString()).append(" ×").append(n));
        return out.toString();
    }
}
