package dev.fleet.loadtests;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code ./mvnw -q -pl load-tests -am compile exec:exec -Dbench.main=dev.fleet.loadtests.HystrixBenchmark}: runs
 * {@link HystrixIsolationBenchmark} with JMH (one fork, 3×2 s warm-up, 5×2 s measured; {@code BENCH_QUICK=1}: 1×1 s
 * each, a smoke run) and writes the Markdown of {@link HystrixReport} to stdout and
 * {@code <bench.results>/hystrix-<date>.md}.
 */
public final class HystrixBenchmark {
    private HystrixBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = "1".equals(System.getenv("BENCH_QUICK"));
        String report = report(quick);
        System.out.println(report);
        Path dir = Path.of(System.getProperty("bench.results", "results"));
        Files.createDirectories(dir);
        Path file = dir.resolve("hystrix-" + LocalDate.now() + (quick ? "-quick" : "") + ".md");
        Files.writeString(file, report);
        System.err.println("written to " + file.toAbsolutePath());
    }

    /** Runs the JMH benchmarks; the Markdown report (also for {@link Benchmarks}). */
    static String report(boolean quick) throws Exception {
        OffsetDateTime started = OffsetDateTime.now();
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        ChainedOptionsBuilder options = new OptionsBuilder().include(HystrixIsolationBenchmark.class.getName() + ".*");
        if (quick) {
            options.warmupIterations(1).warmupTime(TimeValue.seconds(1)).measurementIterations(1)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        List<HystrixReport.Sample> samples = new ArrayList<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            Statistics s = result.getPrimaryResult().getStatistics();
            samples.add(new HystrixReport.Sample(method.substring(method.lastIndexOf('.') + 1), s.getPercentile(50),
                    s.getPercentile(90), s.getPercentile(99), s.getMean(), s.getN()));
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return HystrixReport.markdown(started, loadBefore, loadAfter, quick, samples);
    }
}
