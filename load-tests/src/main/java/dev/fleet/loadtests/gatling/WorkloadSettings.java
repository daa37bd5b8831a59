package dev.fleet.loadtests.gatling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.IntStream;

/**
 * What {@link FleetWorkload} runs, from system properties: {@code fleet.edge} (default http://127.0.0.1:8080),
 * {@code fleet.rate} (new requests per second, default 50), {@code fleet.duration} (steady phase, default 60s),
 * {@code fleet.ramp} (linear ramp from 1/s up to the rate before it, default 10s), {@code fleet.apiKeys}
 * (comma-separated; default the 16 demo keys of ./fleet up) and {@code fleet.requestLog} (a CSV of every request,
 * for ./fleet compare; default none).
 */
public record WorkloadSettings(String edge, double rate, Duration duration, Duration ramp, List<String> apiKeys,
                               Path requestLog) {
    public static final List<String> DEMO_API_KEYS = IntStream.rangeClosed(1, 16)
            .mapToObj(i -> String.format(Locale.ROOT, "fleet-demo-%02d", i)).toList();

    public WorkloadSettings {
        if (!(rate > 0 && rate <= 10_000)) {
            throw new IllegalArgumentException("fleet.rate must be a number of requests per second from 0 to 10000, got " + rate);
        }
        if (duration.isNegative() || duration.isZero() || ramp.isNegative()) {
            throw new IllegalArgumentException("fleet.duration must be positive and fleet.ramp not negative");
        }
        if (apiKeys.isEmpty()) {
            throw new IllegalArgumentException("fleet.apiKeys names no key");
        }
    }

    public static WorkloadSettings from(Properties properties) {
        String log = properties.getProperty("fleet.requestLog", "");
        return new WorkloadSettings(properties.getProperty("fleet.edge", "http://127.0.0.1:8080"),
                number("fleet.rate", properties.getProperty("fleet.rate", "50")),
                duration("fleet.duration", properties.getProperty("fleet.duration", "60s")),
                duration("fleet.ramp", properties.getProperty("fleet.ramp", "10s")),
                keys(properties.getProperty("fleet.apiKeys", "")),
                log.isBlank() ? null : Path.of(log));
    }

    /** {@code 90}, {@code 90s}, {@code 2m}. */
    public static Duration duration(String name, String value) {
        String v = value.trim();
        if (v.matches("\\d+s?")) {
            return Duration.ofSeconds(Long.parseLong(v.replace("s", "")));
        }
        if (v.matches("\\d+m")) {
            return Duration.ofMinutes(Long.parseLong(v.replace("m", "")));
        }
        throw new IllegalArgumentException(name + " must look like 60s or 5m, got '" + value + "'");
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + value + "'");
        }
    }

    private static List<String> keys(String value) {
        return value.isBlank() ? DEMO_API_KEYS : List.of(value.trim().split("\\s*,\\s*"));
    }
}
