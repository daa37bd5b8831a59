package dev.fleet.loadtests;

import dev.fleet.loadtests.edge.EdgeBenchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./mvnw -q -pl load-tests -am package exec:exec -Dbench.main=dev.fleet.loadtests.Benchmarks}: the edge, Hystrix
 * and messaging benchmarks one after the other, each against its own baseline measured in the same run, in one
 * report: {@code <bench.results>/benchmarks-<date>[-quick].md} (and stdout). {@code BENCH_QUICK=1} runs each one's
 * smoke version; each benchmark's own settings (BENCH_*) apply. A benchmark that fails is reported as such and the
 * others still run; the exit status is then 1.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    interface Benchmark {
        String report() throws Exception;
    }

    record Section(String title, String markdown, String failure) {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = "1".equals(System.getenv("BENCH_QUICK"));
        OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        List<Section> sections = new ArrayList<>();
        sections.add(run("The edge: direct, Zuul, nginx, HAProxy", EdgeBenchmark::report));
        sections.add(run("Hystrix: the cost of a command", () -> HystrixBenchmark.report(quick)));
        sections.add(run("Messaging: Fleet's outbox path against the raw clients", MessagingBenchmark::report));
        String report = markdown(started, quick, sections);
        System.out.println(report);
        Path dir = Path.of(System.getProperty("bench.results", "results"));
        Files.createDirectories(dir);
        Path file = dir.resolve("benchmarks-" + LocalDate.now(ZoneOffset.UTC) + (quick ? "-quick" : "") + ".md");
        Files.writeString(file, report);
        System.err.println("written to " + file.toAbsolutePath());
        System.exit(sections.stream().anyMatch(s -> s.failure() != null) ? 1 : 0);
    }

    private static Section run(String title, Benchmark benchmark) {
        System.err.println("== " + title);
        try {
            return new Section(title, benchmark.report(), null);
        } catch (Exception e) {
            System.err.println(title + " failed: " + e);
            return new Section(title, null, String.valueOf(e.getMessage()));
        }
    }

    /** Every Markdown heading one level down; a '#' line inside a fenced block (a config comment) stays as it is. */
    static String demoteHeadings(String markdown) {
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            out.append(!fenced && line.matches("#+ .*") ? "#" + line : line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** One document: a contents line per benchmark, then each report with its headings moved one level down. */
    static String markdown(OffsetDateTime started, boolean quick, List<Section> sections) {
        StringBuilder md = new StringBuilder("# Fleet benchmarks, ").append(started).append(quick ? " (quick)" : "")
                .append("\n\nEach benchmark against its own baseline, measured in the same run; interpretation in "
                        + "docs/performance.md.\n\n");
        for (Section s : sections) {
            md.append("- ").append(s.title()).append(s.failure() == null ? "" : ": **failed** (" + s.failure() + ")").append('\n');
        }
        for (Section s : sections) {
            md.append("\n## ").append(s.title()).append("\n\n");
            if (s.failure() != null) {
                md.append("Failed: ").append(s.failure()).append('\n');
            } else {
                md.append(demoteHeadings(s.markdown()).strip()).append('\n');
            }
        }
        return md.toString();
    }
}
