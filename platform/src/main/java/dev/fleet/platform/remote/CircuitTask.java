package dev.fleet.platform.remote;

import dev.fleet.platform.ops.JsonTaskServlet;
import dev.fleet.platform.ops.TaskParameters;
import io.dropwizard.servlets.tasks.Task;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Admin task {@code circuit}:
 * <ul>
 *   <li>{@code POST /tasks/circuit} prints every known command, its group and circuit state;</li>
 *   <li>{@code POST /tasks/circuit?command=findCar&state=open|closed|normal} forces the circuit open or closed,
 *       or releases it ({@code normal});</li>
 *   <li>{@code POST /tasks/circuit?command=findCar} prints that command's state.</li>
 * </ul>
 * A command is known once it has been constructed (Hystrix forgets commands on reset). Bad input throws
 * {@link IllegalArgumentException}, a 400 through {@link JsonTaskServlet}.
 */
public class CircuitTask extends Task {
    private static final Set<String> PARAMETERS = Set.of("command", "state");

    public CircuitTask() {
        super("circuit");
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "' (expected command, state)");
            }
        }
        String command = TaskParameters.single(parameters, "command");
        String state = TaskParameters.single(parameters, "state");
        Map<String, String> known = Circuits.known();
        if (command == null) {
            if (state != null) {
                throw new IllegalArgumentException("state needs a command");
            }
            if (known.isEmpty()) {
                output.println("no commands yet");
            }
            known.forEach((key, group) -> output.println(key + " (" + group + "): " + Circuits.state(key)));
            return;
        }
        if (!known.containsKey(command)) {
            throw new IllegalArgumentException("unknown command '" + command + "' (known: " + known.keySet() + ")");
        }
        if (state != null) {
            Circuits.force(command, parse(state));
        }
        output.println(command + " (" + known.get(command) + "): " + Circuits.state(command));
    }

    private static Circuits.Force parse(String state) {
        try {
            return Circuits.Force.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("state must be open, closed or normal, got '" + state + "'");
        }
    }
}
