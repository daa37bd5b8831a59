package dev.fleet.loadtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Hystrix report computes each command's added latency and ratio against its own baseline of the same run. */
class HystrixReportTest {
    static final List<HystrixReport.Sample> SAMPLES = List.of(
            new HystrixReport.Sample("trivialDirect", 0.05, 0.08, 0.2, 0.06, 1000),
            new HystrixReport.Sample("trivialSemaphoreCommand", 2.05, 3.08, 10.2, 2.46, 900),
            new HystrixReport.Sample("trivialThreadCommand", 30.05, 45.08, 120.2, 36.06, 800),
            new HystrixReport.Sample("httpDirect", 80, 110, 400, 95, 700),
            new HystrixReport.Sample("httpThreadCommand", 120, 170, 900, 142.5, 600));

    @Test
    void eachCommandIsComparedWithItsBaseline() {
        String md = HystrixReport.markdown(OffsetDateTime.parse("2026-12-03T23:00:00Z"), 1.5, 2.25, false, SAMPLES);
        assertThat(md).contains("| trivial call, direct (baseline) | 1000 | 0.05 | 0.08 | 0.20 | 0.06 | — | — |")
                .contains("| trivial call in a semaphore-isolated command | 900 | 2.05 | 3.08 | 10 | 2.46 | 2.00 / 3.00 / 10 | 41.0× |")
                .contains("| trivial call in a thread-isolated command (pool of 10) | 800 | 30 | 45 | 120 | 36 | 30 / 45 / 120 | 601.0× |")
                .contains("| loopback HTTP GET in a thread-isolated command | 600 | 120 | 170 | 900 | 143 | 40 / 60 / 500 | 1.5× |")
                .contains("load average 1.50 before, 2.25 after", "3×2 s warm-up, 5×2 s measured", "p90 ≈ 3 ms, p99 ≈ 9 ms");
    }

    @Test
    void aMissingBaselineLeavesTheComparisonEmptyAndAQuickRunSaysSo() {
        String md = HystrixReport.markdown(OffsetDateTime.parse("2026-12-03T23:00:00Z"), -1, -1, true, SAMPLES.subList(4, 5));
        assertThat(md).contains("| loopback HTTP GET in a thread-isolated command | 600 | 120 | 170 | 900 | 143 | — | — |")
                .contains("BENCH_QUICK: a smoke run, not for comparison", "load average n/a before")
                .doesNotContain("baseline) |");
    }
}
