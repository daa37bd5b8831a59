package dev.fleet.platform.ops;

import io.dropwizard.servlets.tasks.Task;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admin task {@code fault}:
 * <ul>
 *   <li>{@code POST /tasks/fault?latencyMs=200&errorRate=0.5&path=/api/cars} sets the rule
 *       (missing values: latency 0, error rate 0, path {@code /});</li>
 *   <li>{@code POST /tasks/fault?clear=true} removes it;</li>
 *   <li>{@code POST /tasks/fault} prints the active rule.</li>
 * </ul>
 * Invalid parameters throw {@link IllegalArgumentException}; {@link JsonTaskServlet} turns that into a 400.
 */
public class FaultTask extends Task {
    private static final Set<String> PARAMETERS = Set.of("latencyMs", "errorRate", "path", "clear");

    private final FaultInjection faults;

    public FaultTask(FaultInjection faults) {
        super("fault");
        this.faults = faults;
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' (expected one of latencyMs, errorRate, path, clear)");
            }
        }
        String clear = TaskParameters.single(parameters, "clear");
        if (clear != null) {
            if (!clear.equals("true")) {
                throw new IllegalArgumentException("clear must be 'true', got '" + clear + "'");
            }
            if (parameters.size() > 1) {
                throw new IllegalArgumentException("clear cannot be combined with other parameters");
            }
            faults.clear();
        } else if (!parameters.isEmpty()) {
            String latency = TaskParameters.single(parameters, "latencyMs");
            String errorRate = TaskParameters.single(parameters, "errorRate");
            String path = TaskParameters.single(parameters, "path");
            faults.set(new FaultRule(
                    latency == null ? 0 : parseLatency(latency),
                    errorRate == null ? 0.0 : parseErrorRate(errorRate),
                    path == null ? "/" : path));
        }
        output.println(faults.rule().map(r -> "fault injection active: " + r).orElse("fault injection off"));
    }

    private static long parseLatency(String value) {
        try {
            long latency = Long.parseLong(value);
            if (latency < 0 || latency > FaultRule.MAX_LATENCY_MS) {
                throw new IllegalArgumentException("latencyMs must be between 0 and " + FaultRule.MAX_LATENCY_MS + ", got " + value);
            }
            return latency;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("latencyMs must be a whole number of milliseconds, got '" + value + "'");
        }
    }

    private static double parseErrorRate(String value) {
        try {
            double rate = Double.parseDouble(value);
            if (!(rate >= 0.0 && rate <= 1.0)) {
                throw new IllegalArgumentException("errorRate must be between 0.0 and 1.0, got " + value);
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("errorRate must be a number between 0.0 and 1.0, got '" + value + "'");
        }
    }
}
