package dev.fleet.loadtests.compare;

import dev.fleet.loadtests.gatling.WorkloadSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./fleet compare [--rate 50] [--duration 60s] [--ramp 10s] [--warmup 90s] [--stages monolith,strangler,extracted]
 * [--scenarios healthy,pricing-latency,catalog-killed,kafka-restart] [--out reports]}.
 */
public record CompareOptions(double rate, Duration duration, Duration ramp, Duration warmup, List<String> stages,
                             List<Scenario> scenarios, Path out) {
    public static final List<String> STAGES = List.of("monolith", "strangler", "extracted");
    static final String DEFAULT_SCENARIOS = "healthy,pricing-latency,catalog-killed,kafka-restart";

    public static CompareOptions parse(List<String> args) {
        double rate = 50;
        Duration duration = Duration.ofSeconds(60);
        Duration ramp = Duration.ofSeconds(10);
        Duration warmup = Duration.ofSeconds(90); // 30 s left the first run of a stage still JIT-compiling
        List<String> stages = STAGES;
        List<Scenario> scenarios = scenarios(DEFAULT_SCENARIOS);
        Path out = Path.of("reports");
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args.get(i + 1);
            switch (option) {
                case "--rate" -> rate = rate(value);
                case "--duration" -> duration = WorkloadSettings.duration("--duration", value);
                case "--ramp" -> ramp = WorkloadSettings.duration("--ramp", value);
                case "--warmup" -> warmup = WorkloadSettings.duration("--warmup", value);
                case "--stages" -> stages = stages(value);
                case "--scenarios" -> scenarios = scenarios(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("compare: unknown option '" + option
                        + "' (expected --rate, --duration, --ramp, --warmup, --stages, --scenarios, --out)");
            }
        }
        if (duration.toSeconds() < 4) {
            throw new IllegalArgumentException("--duration must be at least 4s (a mid-run fault needs a middle), got " + duration.toSeconds() + "s");
        }
        return new CompareOptions(rate, duration, ramp, warmup, stages, scenarios, out);
    }

    private static double rate(String value) {
        try {
            double rate = Double.parseDouble(value);
            if (rate > 0 && rate <= 2000) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--rate must be a number of requests per second from 0 to 2000, got '" + value + "'");
    }

    private static List<String> stages(String value) {
        List<String> stages = new ArrayList<>();
        for (String stage : value.split(",")) {
            String s = stage.trim().toLowerCase(Locale.ROOT);
            if (!STAGES.contains(s)) {
                throw new IllegalArgumentException("unknown stage '" + stage + "' (expected monolith, strangler, extracted)");
            }
            stages.add(s);
        }
        return List.copyOf(stages);
    }

    private static List<Scenario> scenarios(String value) {
        return java.util.Arrays.stream(value.split(",")).map(Scenario::parse).toList();
    }
}
