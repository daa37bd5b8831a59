package dev.fleet.loadtests;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarksTest {
    @Test
    void oneDocumentWithEveryReportOneLevelDownAndFailuresNamed() {
        String md = Benchmarks.markdown(OffsetDateTime.parse("2026-12-04T05:00:00Z"), true, List.of(
                new Benchmarks.Section("Hystrix", "# Hystrix overhead\n\n| a | b |\n### Compared\ntext\n", null),
                new Benchmarks.Section("Edge", null, "nginx is not installed")));

        assertThat(md).startsWith("# Fleet benchmarks, 2026-12-04T05:00Z (quick)\n");
        assertThat(md).contains("- Hystrix\n- Edge: **failed** (nginx is not installed)\n");
        assertThat(md).contains("\n## Hystrix\n\n## Hystrix overhead\n\n| a | b |\n#### Compared\ntext\n");
        assertThat(md).contains("\n## Edge\n\nFailed: nginx is not installed\n");
    }

    @Test
    void commentsInFencedBlocksAreNotHeadings() {
        assertThat(Benchmarks.demoteHeadings("# Edge\n```\n# nginx for EdgeBenchmark\ndaemon off;\n```\n## How to read it"))
                .isEqualTo("## Edge\n```\n# nginx for EdgeBenchmark\ndaemon off;\n```\n### How to read it");
    }
}
