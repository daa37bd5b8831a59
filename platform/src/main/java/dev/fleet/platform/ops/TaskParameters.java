package dev.fleet.platform.ops;

import java.util.List;
import java.util.Map;

/** Reading admin task parameters; a problem is an {@link IllegalArgumentException}, which {@link JsonTaskServlet} answers 400. */
public final class TaskParameters {

    private TaskParameters() {
    }

    /** The trimmed value of a parameter given at most once; null when absent. */
    public static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException(name + " given more than once");
        }
        return values.get(0).trim();
    }
}
