package dev.fleet.loadtests.compare;

import java.util.List;
import java.util.Locale;

/**
 * What happens to the system during one run of the workload. Faults go through the same {@code ./fleet} commands a
 * user types; a mid-run fault starts halfway through the steady phase and is undone once the run is over.
 */
public enum Scenario {
    HEALTHY("healthy", "no fault"),
    PRICING_LATENCY("pricing-latency", "pricing-service answers 2 s late for the whole run"),
    CATALOG_KILLED("catalog-killed", "catalog-service killed (SIGKILL) halfway through, started again after the run"),
    KAFKA_RESTART("kafka-restart", "the Kafka broker down for 5 s halfway through, then back"),
    AMQP_RESTART("amqp-restart", "the AMQP broker down for 5 s halfway through, then back");

    private final String label;
    private final String description;

    Scenario(String label, String description) {
        this.label = label;
        this.description = description;
    }

    public String label() {
        return label;
    }

    public String description() {
        return description;
    }

    /** {@code ./fleet} arguments before the run starts. */
    List<List<String>> before() {
        return this == PRICING_LATENCY ? List.of(List.of("fault", "pricing-service", "--latency", "2000")) : List.of();
    }

    /** {@code ./fleet} arguments halfway through the steady phase. */
    List<List<String>> midRun() {
        return switch (this) {
            case CATALOG_KILLED -> List.of(List.of("kill", "catalog-service"));
            case KAFKA_RESTART -> List.of(List.of("restart", "kafka", "--down", "5s"));
            case AMQP_RESTART -> List.of(List.of("restart", "amqp", "--down", "5s"));
            default -> List.of();
        };
    }

    /** {@code ./fleet} arguments once the run is over, before the message audit. */
    List<List<String>> after() {
        return switch (this) {
            case PRICING_LATENCY -> List.of(List.of("fault", "pricing-service", "--clear"));
            case CATALOG_KILLED -> List.of(List.of("start", "catalog-service"));
            default -> List.of();
        };
    }

    public static Scenario parse(String value) {
        for (Scenario scenario : values()) {
            if (scenario.label.equals(value.trim().toLowerCase(Locale.ROOT))) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + value + "' (expected "
                + String.join(", ", java.util.Arrays.stream(values()).map(Scenario::label).toList()) + ")");
    }
}
