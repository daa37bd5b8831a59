package dev.fleet.loadtests.compare;

import dev.fleet.loadtests.Machine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * summary.md (one table: stage × scenario → p50/p95/p99, throughput, error %, fallback %, circuit events, lost
 * messages) and index.html (the same table, then per scenario charts over time with one line per stage: latency
 * p50 and p99, throughput, errors, fallbacks, short-circuits and open circuits from Turbine; faults marked). The
 * charts are inline SVG: the page needs no script and no network.
 */
public final class CompareReport {
    private static final Map<String, String> COLOURS = Map.of("monolith", "#1f77b4", "strangler", "#ff7f0e", "extracted", "#2ca02c");

    private CompareReport() {
    }

    public static void write(Path dir, CompareOptions options, double loadBefore, double loadAfter, List<RunResult> results) {
        List<RunResult> runs = List.copyOf(results);
        try {
            Files.writeString(dir.resolve("summary.md"), markdown(options, header(loadBefore, loadAfter), runs));
            Files.writeString(dir.resolve("index.html"), html(options, header(loadBefore, loadAfter), runs));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir, e);
        }
    }

    private static String header(double loadBefore, double loadAfter) {
        Runtime runtime = Runtime.getRuntime();
        return String.format(Locale.ROOT, "%d cores (%s), %s %s, Java %s; load average %.2f before%s", runtime.availableProcessors(),
                Machine.cpuModel(), System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                loadBefore, Double.isNaN(loadAfter) ? " (run in progress)" : String.format(Locale.ROOT, ", %.2f after", loadAfter));
    }

    static String settings(CompareOptions options) {
        return String.format(Locale.ROOT, "open workload at %s requests/s for %d s after a %d s ramp, through the edge "
                        + "(browse 60 %%, quote 25 %%, reserve 10 %%, cancel 5 %%); numbers over the steady phase",
                number(options.rate()), options.duration().toSeconds(), options.ramp().toSeconds());
    }

    static String markdown(CompareOptions options, String machine, List<RunResult> runs) {
        StringBuilder md = new StringBuilder("# Fleet: monolith vs services, ")
                .append(OffsetDateTime.now(ZoneOffset.UTC).withNano(0)).append("\n\n")
                .append("- Workload: ").append(settings(options)).append('\n')
                .append("- Machine: ").append(machine).append(" (the load generator shares it with the system)\n")
                .append("- Errors: 5xx or no answer; fallback: answered with X-Fleet-Degraded; circuits opened and peak "
                        + "short-circuited (rolling 10 s) from Turbine's fleet stream; lost: reservations without their "
                        + "invoice or notification 90 s after the run\n\n")
                .append("| stage | scenario | requests | p50 ms | p95 ms | p99 ms | throughput ok/s | errors % | fallbacks % "
                        + "| circuits opened | peak short-circuited | reservations | lost messages |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult run : runs) {
            RunResult.Summary s = run.summary();
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %.1f | %.2f | %.2f | %d | %d | %d | %d |%n",
                    run.stage(), run.scenario().label(), s.requests(), ms(s.p50()), ms(s.p95()), ms(s.p99()),
                    s.throughput(), s.errorPercent(), s.fallbackPercent(), s.circuitsOpened(), s.peakShortCircuited(),
                    s.reservations(), s.lostMessages()));
        }
        md.append("\nScenarios:\n\n");
        scenarios(runs).forEach(sc -> md.append("- ").append(sc.label()).append(": ").append(sc.description()).append('\n'));
        return md.toString();
    }

    static String html(CompareOptions options, String machine, List<RunResult> runs) {
        StringBuilder h = new StringBuilder("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Fleet: monolith vs services</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2em;color:#222}
                table{border-collapse:collapse;font-size:14px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
                td:nth-child(-n+2),th{text-align:left}.charts{display:flex;flex-wrap:wrap;gap:12px}
                .bad{background:#fdd}figure{margin:0}figcaption{font-size:13px;font-weight:600}
                </style></head><body>
                <h1>Fleet: monolith vs services</h1>
                """);
        h.append("<p>").append(esc(settings(options))).append(".<br>Machine: ").append(esc(machine)).append(".</p>\n");
        h.append("<table><tr><th>stage</th><th>scenario</th><th>requests</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th>"
                + "<th>throughput ok/s</th><th>errors %</th><th>fallbacks %</th><th>circuits opened</th>"
                + "<th>peak short-circuited</th><th>reservations</th><th>lost messages</th><th>details</th></tr>\n");
        for (RunResult run : runs) {
            RunResult.Summary s = run.summary();
            h.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td>"
                            + "<td>%.1f</td><td%s>%.2f</td><td>%.2f</td><td>%d</td><td>%d</td><td>%d</td><td%s>%d</td>"
                            + "<td><a href=\"%s/requests.csv\">requests</a> · <a href=\"%s/gatling/\">Gatling</a></td></tr>%n",
                    run.stage(), run.scenario().label(), s.requests(), ms(s.p50()), ms(s.p95()), ms(s.p99()), s.throughput(),
                    s.errorPercent() > 1 ? " class=bad" : "", s.errorPercent(), s.fallbackPercent(), s.circuitsOpened(),
                    s.peakShortCircuited(), s.reservations(), s.lostMessages() > 0 ? " class=bad" : "", s.lostMessages(),
                    run.dir(), run.dir()));
        }
        h.append("</table>\n");
        for (Scenario scenario : scenarios(runs)) {
            List<RunResult> of = runs.stream().filter(r -> r.scenario() == scenario).toList();
            h.append("<h2>").append(esc(scenario.label())).append("</h2><p>").append(esc(scenario.description()))
                    .append(". Seconds since the first request; dashed lines: faults and their undoing.</p>\n<div class=charts>\n");
            h.append(chart("latency p50 (ms)", of, r -> r.series("p50")));
            h.append(chart("latency p99 (ms)", of, r -> r.series("p99")));
            h.append(chart("throughput (answered without error per second)", of, r -> r.series("throughput")));
            h.append(chart("errors (% of requests)", of, r -> r.series("errors")));
            h.append(chart("fallbacks (% of requests)", of, r -> r.series("fallbacks")));
            h.append(chart("short-circuited (Turbine, rolling 10 s)", of, r -> r.turbineSeries("shortCircuited")));
            h.append(chart("open circuits (Turbine)", of, r -> r.turbineSeries("open")));
            h.append("</div>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static Set<Scenario> scenarios(List<RunResult> runs) {
        Set<Scenario> scenarios = new LinkedHashSet<>();
        runs.forEach(r -> scenarios.add(r.scenario()));
        return scenarios;
    }

    /** A line chart, one line per stage, the runs' events as dashed vertical lines. */
    static String chart(String title, List<RunResult> runs, java.util.function.Function<RunResult, List<double[]>> series) {
        int w = 420;
        int h = 190;
        int left = 48;
        int bottom = 22;
        int top = 8;
        Map<String, List<double[]>> lines = new LinkedHashMap<>();
        runs.forEach(r -> lines.put(r.stage(), series.apply(r)));
        double maxX = 1;
        double maxY = 0;
        for (List<double[]> line : lines.values()) {
            for (double[] p : line) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, Double.isNaN(p[1]) ? 0 : p[1]);
            }
        }
        maxY = niceCeiling(maxY);
        double fx = (w - left - 8) / maxX;
        double fy = (h - top - bottom) / maxY;
        StringBuilder svg = new StringBuilder("<figure><figcaption>").append(esc(title)).append("</figcaption>")
                .append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-size=\"10\">", w, h, w, h));
        for (int i = 0; i <= 4; i++) {
            double y = h - bottom - i * (h - top - bottom) / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left, w - 8, y, y, left - 4, y + 3, number(maxY * i / 4)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s s</text>",
                left, h - 6, w - 8, h - 6, number(maxX)));
        for (RunResult run : runs) {
            for (RunResult.RunEvent event : run.events()) {
                double x = left + Math.max(0, (event.at() - run.startedAt()) / 1000.0) * fx;
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 3\">"
                        + "<title>%s: %s</title></line>", x, x, top, h - bottom, colour(run.stage()), esc(run.stage()), esc(event.label())));
            }
        }
        int legend = 0;
        for (Map.Entry<String, List<double[]>> line : lines.entrySet()) {
            StringBuilder points = new StringBuilder();
            for (double[] p : line.getValue()) {
                if (!Double.isNaN(p[1])) {
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + p[0] * fx, h - bottom - p[1] * fy));
                }
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>",
                    colour(line.getKey()), points.toString().trim()));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>", left + 6 + legend * 80,
                    top + 10, colour(line.getKey()), esc(line.getKey())));
            legend++;
        }
        return svg.append("</svg></figure>\n").toString();
    }

    private static double niceCeiling(double value) {
        if (value <= 0) {
            return 1;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[]{1, 2, 2.5, 5, 10}) {
            if (value <= step * magnitude) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String colour(String stage) {
        return COLOURS.getOrDefault(stage, "#555");
    }

    private static String ms(double value) {
        return Double.isNaN(value) ? "—" : number(value);
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
