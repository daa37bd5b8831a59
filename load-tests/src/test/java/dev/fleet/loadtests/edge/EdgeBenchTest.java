package dev.fleet.loadtests.edge;

import dev.fleet.loadtests.Percentiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fleet.loadtests.edge.BenchSettings.Target;
import dev.fleet.loadtests.edge.Measurement.Run;
import dev.fleet.loadtests.edge.Measurement.Sample;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The edge benchmark's pure parts: percentiles, the measured window, ratios, the report, settings, proxy configs. */
class EdgeBenchTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    @Test
    void percentilesAreNearestRankOnObservedSamples() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray()); // 100 … 1
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(100)).isEqualTo(100);
        assertThat(p.at(0.5)).isEqualTo(1);

        Percentiles ten = Percentiles.of(new long[]{7, 1, 9, 3, 5, 10, 2, 8, 4, 6});
        assertThat(ten.at(50)).isEqualTo(5);   // rank ⌈5⌉ = 5
        assertThat(ten.at(99)).isEqualTo(10);  // rank ⌈9.9⌉ = 10
        assertThat(ten.at(90)).isEqualTo(9);   // rank 9, not 10: no rounding up of 0.9·10
        assertThat(Percentiles.of(new long[]{42}).at(50)).isEqualTo(42);
        assertThat(Percentiles.of(new long[]{3, 1, 2}).at(50)).isEqualTo(2);

        assertThatThrownBy(() -> Percentiles.of(new long[0])).hasMessageContaining("no samples");
        assertThatThrownBy(() -> ten.at(0)).hasMessageContaining("(0, 100]");
        assertThatThrownBy(() -> ten.at(101)).hasMessageContaining("(0, 100]");
    }

    @Test
    void onlyRequestsArrivingInTheWindowCountAndThroughputIsOksEndingInIt() {
        long t0 = 1_000 * S;
        List<Sample> samples = new ArrayList<>();
        samples.add(new Sample(t0, t0 + 500 * MS, 200));                  // warm-up: dropped
        samples.add(new Sample(t0 + 900 * MS, t0 + 1_100 * MS, 200));     // arrived in warm-up, ended in window: throughput only
        for (int i = 0; i < 10; i++) {                                      // in the window: 1 ms … 10 ms
            long start = t0 + S + i * 100 * MS;
            samples.add(new Sample(start, start + (i + 1) * MS, 200));
        }
        samples.add(new Sample(t0 + 1_500 * MS, t0 + 1_600 * MS, 503));
        samples.add(new Sample(t0 + 1_600 * MS, t0 + 1_700 * MS, 503));
        samples.add(new Sample(t0 + 1_700 * MS, t0 + 11_700 * MS, 0));      // no answer
        samples.add(new Sample(t0 + 1_990 * MS, t0 + 2_100 * MS, 200));   // arrived in window, ended after: latency only
        samples.add(new Sample(t0 + 2_000 * MS, t0 + 2_001 * MS, 200));   // after the window: dropped

        Measurement.Result r = Measurement.of("zuul", List.of(new Run(samples, t0)), Duration.ofSeconds(1), Duration.ofSeconds(1));

        assertThat(r.requests()).isEqualTo(14);
        assertThat(r.ok()).isEqualTo(11);
        assertThat(r.errors()).containsExactly(Map.entry(0, 1L), Map.entry(503, 2L));
        assertThat(r.errorCount()).isEqualTo(3);
        assertThat(r.offeredPerSecond()).isEqualTo(14.0);
        assertThat(r.okPerSecond()).isEqualTo(11.0); // the warm-up one that ended in the window, the ten
        assertThat(r.p50Ms()).isEqualTo(6.0);         // 1…10 and 110 ms: rank ⌈5.5⌉ = 6
        assertThat(r.p99Ms()).isEqualTo(110.0);
        assertThat(Measurement.describe(r.errors())).isEqualTo("no answer ×1, 503 ×2");
    }

    @Test
    void roundsArePooledEachWithItsOwnWindow() {
        Run first = new Run(List.of(new Sample(0, 10 * MS, 200), new Sample(2 * S, 2 * S + 2 * MS, 200)), 0);
        long t0 = 100 * S;
        Run second = new Run(List.of(new Sample(t0, t0 + MS, 200), new Sample(t0 + 2 * S, t0 + 2 * S + 4 * MS, 200),
                new Sample(t0 + 3 * S, t0 + 3 * S + 6 * MS, 200)), t0);

        Measurement.Result r = Measurement.of("nginx", List.of(first, second), Duration.ofSeconds(2), Duration.ofSeconds(2));

        assertThat(r.requests()).isEqualTo(3); // 2, 4 and 6 ms; each run's warm-up dropped
        assertThat(r.okPerSecond()).isEqualTo(0.75); // 3 OKs in 2 windows of 2 s
        assertThat(r.p50Ms()).isEqualTo(4.0);
        assertThat(r.p99Ms()).isEqualTo(6.0);
    }

    @Test
    void aTargetWithoutASuccessHasNoLatency() {
        Measurement.Result r = Measurement.of("haproxy", List.of(new Run(List.of(new Sample(S, 2 * S, 502)), 0)),
                Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(r.ok()).isZero();
        assertThat(r.p50Ms()).isNaN();
        assertThat(EdgeReport.ms(r.p50Ms())).isEqualTo("—");
    }

    @Test
    void theReportComparesEveryTargetWithTheDirectBaseline() {
        BenchSettings settings = BenchSettings.from(Map.of());
        List<Measurement.Result> results = List.of(
                result("direct", 300, 300, 1.20, 4.00),
                result("zuul", 300, 240, 3.45, 25.5),
                result("nginx", 300, 297, 1.50, 3.50),
                new Measurement.Result("haproxy", 6000, 5990, new java.util.TreeMap<>(Map.of(502, 10L)), 300, 299.5, 1.4, 5));
        String md = EdgeReport.markdown(new EdgeReport.Run(OffsetDateTime.parse("2026-12-04T10:00:00Z"),
                "- Machine: test", List.of("nginx/1.22.1", "HAProxy 2.6.12"), settings, 2,
                Map.of("nginx.conf", "worker_processes 2;")), results);

        assertThat(md)
                .contains("| direct: the monolith, no proxy (baseline) | 6000 | 300.0 | 300.0 | 0 | 1.20 | 4.00 | — | — | — |")
                .contains("| zuul: Fleet's edge (Zuul 2) | 6000 | 300.0 | 240.0 | 0 | 3.45 | 25.5 | 0.80 | +2.25 | +21.5 |")
                .contains("| nginx: nginx | 6000 | 300.0 | 297.0 | 0 | 1.50 | 3.50 | 0.99 | +0.30 | -0.50 |")
                .contains("| haproxy: HAProxy | 6000 | 300.0 | 299.5 | 10 (502 ×10) | 1.40 | 5.00 | 1.00 | +0.20 | +1.00 |")
                .contains("- Machine: test", "nginx/1.22.1, HAProxy 2.6.12", "300.0 requests/s", "2 rounds, in alternating order",
                        "60 s priming through the edge", "3 s warm-up (discarded) + 8 s measured, 16 s measured per target",
                        "How to read it", "<summary>nginx.conf</summary>", "worker_processes 2;")
                .doesNotContain("BENCH_QUICK", "**Note:**");
    }

    @Test
    void aLoadGeneratorThatFellBehindIsNamedAndAQuickRunSaysSo() {
        BenchSettings quick = BenchSettings.from(Map.of("BENCH_QUICK", "1", "BENCH_RATE", "400", "BENCH_PRIME_RATE", "150"));
        String md = EdgeReport.markdown(new EdgeReport.Run(OffsetDateTime.parse("2026-12-04T10:00:00Z"), "- Machine: test",
                List.of(), quick, 2, Map.of()), List.of(result("direct", 300, 300, 1, 2)));
        assertThat(md).contains("BENCH_QUICK: a smoke run", "**Note:** direct was offered 300.0/s of the 400.0/s asked",
                "10 s priming at 150.0 requests/s through the edge");
    }

    @Test
    void ratiosAndAddedLatencyFormatting() {
        assertThat(EdgeReport.ratio(150, 300)).isEqualTo("0.50");
        assertThat(EdgeReport.ratio(150, 0)).isEqualTo("—");
        assertThat(EdgeReport.added(0.456)).isEqualTo("+0.46");
        assertThat(EdgeReport.added(-12.34)).isEqualTo("-12.3");
        assertThat(EdgeReport.added(Double.NaN)).isEqualTo("—");
        assertThat(EdgeReport.ms(250.4)).isEqualTo("250");
    }

    @Test
    void settingsHaveDefaultsAQuickModeAndClearErrors() {
        BenchSettings d = BenchSettings.from(Map.of());
        assertThat(d.rate()).isEqualTo(300);
        assertThat(d.primeRate()).isEqualTo(300);
        assertThat(BenchSettings.from(Map.of("BENCH_RATE", "900")).primeRate()).isEqualTo(900);
        assertThat(d.targets()).containsExactly(Target.DIRECT, Target.ZUUL, Target.NGINX, Target.HAPROXY);
        assertThat(d.window()).isEqualTo(Duration.ofSeconds(8));
        assertThat(d.order(1)).containsExactly(Target.DIRECT, Target.ZUUL, Target.NGINX, Target.HAPROXY);
        assertThat(d.order(2)).containsExactly(Target.HAPROXY, Target.NGINX, Target.ZUUL, Target.DIRECT);
        assertThat(d.port(Target.NGINX)).isEqualTo(18120);
        assertThat(d.zuulAdminPort()).isEqualTo(18111);

        BenchSettings q = BenchSettings.from(Map.of("BENCH_QUICK", "1", "BENCH_TARGETS", "haproxy, direct", "BENCH_DURATION", "1m"));
        assertThat(q.quick()).isTrue();
        assertThat(q.rounds()).isEqualTo(1);
        assertThat(q.duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(q.targets()).containsExactly(Target.DIRECT, Target.HAPROXY);

        assertThatThrownBy(() -> BenchSettings.from(Map.of("BENCH_TARGETS", "zuul,nginx")))
                .hasMessageContaining("must include 'direct'");
        assertThatThrownBy(() -> BenchSettings.from(Map.of("BENCH_TARGETS", "direct,envoy")))
                .hasMessageContaining("unknown target 'envoy'");
        assertThatThrownBy(() -> BenchSettings.from(Map.of("BENCH_RATE", "fast"))).hasMessageContaining("BENCH_RATE must be a number");
        assertThatThrownBy(() -> BenchSettings.from(Map.of("BENCH_RATE", "0"))).hasMessageContaining("above 0");
        assertThatThrownBy(() -> BenchSettings.from(Map.of("BENCH_PRIME_RATE", "-5"))).hasMessageContaining("above 0");
        assertThatThrownBy(() -> BenchSettings.from(Map.of("BENCH_DURATION", "21s"))).hasMessageContaining("multiple of BENCH_ROUNDS");
        assertThatThrownBy(() -> BenchSettings.from(Map.of("BENCH_WARMUP", "1s"))).hasMessageContaining("at least 2s");
        assertThatThrownBy(() -> BenchSettings.from(Map.of("BENCH_PORT_BASE", "80"))).hasMessageContaining("BENCH_PORT_BASE");
        assertThatThrownBy(() -> BenchSettings.from(Map.of("BENCH_ROUNDS", "1.5"))).hasMessageContaining("whole number");
    }

    @Test
    void nginxKeepsConnectionsToTheMonolithAliveWithTheEdgesWorkersAndTimeouts() {
        String conf = ProxyConfigs.nginx(new ProxyConfigs.Setup(Path.of("/tmp/bench/nginx"), 18120, 18100, 2));
        assertThat(conf).contains("daemon off;", "worker_processes 2;", "pid /tmp/bench/nginx/nginx.pid;",
                "listen 127.0.0.1:18120;", "server 127.0.0.1:18100;", "keepalive 32;", "proxy_http_version 1.1;",
                "proxy_set_header Connection \"\";", "proxy_connect_timeout 1s;", "proxy_read_timeout 10s;",
                "access_log /tmp/bench/nginx/access.log;", "proxy_temp_path /tmp/bench/nginx/proxy;");
        assertThat(balanced(conf)).isTrue();
    }

    @Test
    void haproxyReusesConnectionsToTheMonolithWithTheEdgesThreadsAndTimeouts() {
        String cfg = ProxyConfigs.haproxy(new ProxyConfigs.Setup(Path.of("/tmp/bench/haproxy"), 18130, 18100, 2));
        assertThat(cfg).contains("nbthread 2", "pidfile /tmp/bench/haproxy/haproxy.pid", "mode http", "http-reuse always",
                "option http-keep-alive", "timeout connect 1s", "timeout server 10s", "bind 127.0.0.1:18130",
                "server monolith 127.0.0.1:18100", "log stdout format raw local0", "option httplog");
    }

    private static boolean balanced(String conf) {
        return conf.chars().filter(c -> c == '{').count() == conf.chars().filter(c -> c == '}').count();
    }

    private static Measurement.Result result(String target, double offered, double ok, double p50, double p99) {
        return new Measurement.Result(target, (long) (offered * 20), (long) (ok * 20), new java.util.TreeMap<>(), offered, ok, p50, p99);
    }
}
