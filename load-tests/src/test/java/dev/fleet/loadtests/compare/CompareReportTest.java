package dev.fleet.loadtests.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CompareReportTest {
    private static final CompareOptions OPTIONS = CompareOptions.parse(List.of("--rate", "20", "--duration", "10s", "--ramp", "2s"));

    @Test
    void summaryHasOneRowPerStageAndScenario(@TempDir Path dir) throws Exception {
        List<RunResult> runs = List.of(RunResultTest.run("monolith", Scenario.HEALTHY, List.of()),
                RunResultTest.run("extracted", Scenario.HEALTHY, List.of()),
                RunResultTest.run("extracted", Scenario.CATALOG_KILLED, List.of()));

        CompareReport.write(dir, OPTIONS, 0.5, 1.5, runs);

        String md = Files.readString(dir.resolve("summary.md"));
        assertThat(md).contains("open workload at 20 requests/s for 10 s after a 2 s ramp", "load average 0.50 before, 1.50 after");
        assertThat(md).contains("| monolith | healthy | 100 | 50 | 95 | 99 | 9.5 | 5.00 | 10.00 | 0 | 0 | 10 | 3 |",
                "| extracted | healthy | 100 |", "| extracted | catalog-killed | 100 |");
        assertThat(md).contains("- catalog-killed: catalog-service killed (SIGKILL) halfway through");
        assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| stage")).count()).isEqualTo(3);
    }

    @Test
    void htmlHasTheTableAndOneChartPerMetricWithALinePerStage(@TempDir Path dir) throws Exception {
        List<RunResult> runs = List.of(RunResultTest.run("monolith", Scenario.HEALTHY, List.of()),
                RunResultTest.run("strangler", Scenario.HEALTHY, List.of()));

        CompareReport.write(dir, OPTIONS, 0.5, Double.NaN, runs);

        String html = Files.readString(dir.resolve("index.html"));
        assertThat(html).contains("(run in progress)", "<h2>healthy</h2>", "href=\"strangler-healthy/gatling/\"");
        assertThat(html.split("<svg", -1)).hasSize(1 + 7);
        assertThat(html.split("<polyline", -1)).hasSize(1 + 7 * 2);
        assertThat(html).contains("stroke=\"#1f77b4\"", "stroke=\"#ff7f0e\"", "<title>monolith: kill catalog-service</title>");
        // lost messages and errors above 1 % are flagged
        assertThat(html).contains("<td class=bad>3</td>", "<td class=bad>5.00</td>");
        assertThat(html).doesNotContain("<script");
    }
}
