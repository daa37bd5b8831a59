package dev.fleet.loadtests.compare;

import dev.fleet.loadtests.Percentiles;

import java.util.ArrayList;
import java.util.List;

/**
 * One run: a stage under a scenario. {@code steadyFrom}/{@code steadyTo} bound the steady phase (after the ramp),
 * which the summary's numbers are computed over; the charts show the whole run from {@code startedAt}.
 */
public record RunResult(String stage, Scenario scenario, long startedAt, long steadyFrom, long steadyTo,
                        List<RequestSample> requests, List<TurbinePoint> turbine, List<RunEvent> events,
                        int reservations, int lostInvoices, int lostNotifications, String dir) {

    public record RunEvent(long at, String label) {
    }

    /** The numbers of summary.md. */
    public record Summary(long requests, double p50, double p95, double p99, double throughput, double errorPercent,
                          double fallbackPercent, long circuitsOpened, long peakShortCircuited, int reservations,
                          int lostMessages) {
    }

    public List<RequestSample> steady() {
        return requests.stream().filter(r -> r.at() >= steadyFrom && r.at() < steadyTo).toList();
    }

    public Summary summary() {
        List<RequestSample> steady = steady();
        List<Long> millis = steady.stream().map(RequestSample::millis).toList();
        long errors = steady.stream().filter(RequestSample::error).count();
        long fallbacks = steady.stream().filter(RequestSample::fallback).count();
        double seconds = Math.max(1, steadyTo - steadyFrom) / 1000.0;
        return new Summary(steady.size(), percentile(millis, 50), percentile(millis, 95), percentile(millis, 99),
                (steady.size() - errors) / seconds, percent(errors, steady.size()), percent(fallbacks, steady.size()),
                circuitsOpened(), turbine.stream().mapToLong(TurbinePoint::shortCircuited).max().orElse(0),
                reservations, lostInvoices + lostNotifications);
    }

    /** Times a command instance's circuit went from closed to open, summed over the cluster. */
    long circuitsOpened() {
        long opened = 0;
        long before = 0;
        for (TurbinePoint point : turbine) {
            opened += Math.max(0, point.openCircuits() - before);
            before = point.openCircuits();
        }
        return opened;
    }

    /** Nearest-rank percentile ({@link Percentiles}); NaN when there are no values. */
    static double percentile(List<Long> values, double p) {
        return values.isEmpty() ? Double.NaN : Percentiles.of(values.stream().mapToLong(Long::longValue).toArray()).at(p);
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? 0 : 100.0 * part / whole;
    }

    /**
     * Per-second series over the whole run for the charts: second since start → value. {@code what}: p50, p99,
     * throughput (answered without error per second), errors (% of the second's requests), fallbacks (%).
     */
    public List<double[]> series(String what) {
        List<List<RequestSample>> seconds = new ArrayList<>();
        for (RequestSample r : requests) {
            int second = (int) ((r.at() - startedAt) / 1000);
            if (second < 0) {
                continue;
            }
            while (seconds.size() <= second) {
                seconds.add(new ArrayList<>());
            }
            seconds.get(second).add(r);
        }
        List<double[]> points = new ArrayList<>();
        for (int s = 0; s < seconds.size(); s++) {
            List<RequestSample> in = seconds.get(s);
            if (in.isEmpty()) {
                continue;
            }
            List<Long> millis = in.stream().map(RequestSample::millis).toList();
            long errors = in.stream().filter(RequestSample::error).count();
            double value = switch (what) {
                case "p50" -> percentile(millis, 50);
                case "p99" -> percentile(millis, 99);
                case "throughput" -> in.size() - errors;
                case "errors" -> percent(errors, in.size());
                case "fallbacks" -> percent(in.stream().filter(RequestSample::fallback).count(), in.size());
                default -> throw new IllegalArgumentException(what);
            };
            points.add(new double[]{s, value});
        }
        return points;
    }

    /** Turbine series: second since start → short-circuited (rolling 10 s) or open circuits. */
    public List<double[]> turbineSeries(String what) {
        return turbine.stream().filter(p -> p.at() >= startedAt).map(p -> new double[]{(p.at() - startedAt) / 1000.0,
                what.equals("open") ? p.openCircuits() : what.equals("fallbacks") ? p.fallbacks() : p.shortCircuited()}).toList();
    }
}
