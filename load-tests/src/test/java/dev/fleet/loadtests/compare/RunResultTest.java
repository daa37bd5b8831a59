package dev.fleet.loadtests.compare;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunResultTest {
    private static final long T0 = 1_000_000L;

    /** 10 s steady phase after a 2 s ramp; 100 requests in the steady phase with latencies 1..100 ms. */
    static RunResult run(String stage, Scenario scenario, List<TurbinePoint> turbine) {
        List<RequestSample> requests = new ArrayList<>();
        requests.add(new RequestSample(T0 + 500, "cars", 200, 5000, "", "monolith", "")); // in the ramp: not summed
        for (int i = 1; i <= 100; i++) {
            long at = T0 + 2000 + (i - 1) * 100L;
            int status = i <= 4 ? 503 : i == 5 ? 0 : 200;
            String degraded = i > 90 ? "catalog" : "";
            String reservation = i % 10 == 0 ? "r" + i : "";
            requests.add(new RequestSample(at, i % 10 == 0 ? "reserve" : "car", i % 10 == 0 && status == 200 ? 201 : status,
                    i, degraded, "monolith", i % 10 == 0 && status == 200 ? reservation : ""));
        }
        return new RunResult(stage, scenario, T0, T0 + 2000, T0 + 12000, requests, turbine,
                List.of(new RunResult.RunEvent(T0 + 7000, "kill catalog-service")), 10, 1, 2, stage + "-" + scenario.label());
    }

    @Test
    void summaryIsComputedOverTheSteadyPhaseOnly() {
        RunResult.Summary s = run("monolith", Scenario.HEALTHY, List.of()).summary();

        assertThat(s.requests()).isEqualTo(100);
        assertThat(s.p50()).isEqualTo(50);
        assertThat(s.p95()).isEqualTo(95);
        assertThat(s.p99()).isEqualTo(99);
        // 5 errors (four 503, one no answer) of 100; 95 answered without error in 10 s
        assertThat(s.errorPercent()).isEqualTo(5.0);
        assertThat(s.throughput()).isEqualTo(9.5);
        assertThat(s.fallbackPercent()).isEqualTo(10.0);
        assertThat(s.reservations()).isEqualTo(10);
        assertThat(s.lostMessages()).isEqualTo(3);
    }

    @Test
    void circuitEventsComeFromTurbine() {
        List<TurbinePoint> turbine = List.of(new TurbinePoint(T0, 0, 0, 0, 0), new TurbinePoint(T0 + 1000, 3, 0, 1, 1),
                new TurbinePoint(T0 + 2000, 9, 40, 0, 2), new TurbinePoint(T0 + 3000, 2, 12, 0, 0),
                new TurbinePoint(T0 + 4000, 0, 0, 0, 1));
        RunResult.Summary s = run("extracted", Scenario.CATALOG_KILLED, turbine).summary();

        assertThat(s.circuitsOpened()).as("0→1→2 opens two, 2→0→1 one more").isEqualTo(3);
        assertThat(s.peakShortCircuited()).isEqualTo(40);
    }

    @Test
    void perSecondSeriesStartAtTheFirstRequest() {
        RunResult run = run("monolith", Scenario.HEALTHY, List.of());

        List<double[]> throughput = run.series("throughput");
        assertThat(throughput.get(0)).containsExactly(0, 1); // the ramp request
        // second 2 holds requests 1..10: four 503 and one no answer
        assertThat(throughput.get(1)).containsExactly(2, 5);
        assertThat(run.series("errors").get(1)).containsExactly(2, 50);
        assertThat(run.series("p50").get(2)).containsExactly(3, 15);
        assertThat(run.series("fallbacks").get(10)).containsExactly(11, 100);
    }

    @Test
    void percentileIsNearestRank() {
        assertThat(RunResult.percentile(List.of(), 50)).isNaN();
        assertThat(RunResult.percentile(List.of(7L), 99)).isEqualTo(7);
        assertThat(RunResult.percentile(List.of(1L, 2L, 3L, 4L), 50)).isEqualTo(2);
        assertThat(RunResult.percentile(List.of(1L, 2L, 3L, 4L), 51)).isEqualTo(3);
    }

    @Test
    void requestLogsAreReadBackAndAForeignFileIsRefused(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("requests.csv");
        Files.writeString(log, "at,request,status,ms,degraded,origin,reservation\n"
                + "1000,reserve,201,12,,monolith,abc\n1001,car,200,3,catalog+pricing,monolith,\n1002,car,20");
        List<RequestSample> samples = RequestSample.read(log);
        assertThat(samples).containsExactly(new RequestSample(1000, "reserve", 201, 12, "", "monolith", "abc"),
                new RequestSample(1001, "car", 200, 3, "catalog+pricing", "monolith", ""));
        assertThat(samples.get(1).fallback()).isTrue();

        Files.writeString(log, "time,latency\n1,2\n");
        assertThatThrownBy(() -> RequestSample.read(log)).hasMessageContaining("is not a request log");
    }

    @Test
    void openCircuitsAreReadInEveryShapeTurbineSends() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(TurbineSampler.openCircuits(json.readTree("2"))).isEqualTo(2);
        assertThat(TurbineSampler.openCircuits(json.readTree("true"))).isEqualTo(1);
        assertThat(TurbineSampler.openCircuits(json.readTree("false"))).isZero();
        assertThat(TurbineSampler.openCircuits(json.readTree("\"false:2,true:1\""))).isEqualTo(1);
    }
}
