package dev.fleet.platform.ops;

import io.dropwizard.core.setup.Environment;
import io.dropwizard.servlets.tasks.Task;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code POST /tasks/<name>} for one task in place of Dropwizard 4's TaskServlet, which answers 500 with a
 * stack trace for any exception. An exact servlet path wins over {@code /tasks/*}. {@link IllegalArgumentException}
 * (bad parameters) → 400 JSON naming the problem; other failures (a broker down…) → 503 JSON; the task's output
 * only after it succeeded, never a partial answer.
 */
public class JsonTaskServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Task task;

    public JsonTaskServlet(Task task) {
        this.task = task;
    }

    /** Registers the task (so {@code GET /tasks} lists it) and this servlet at its exact path. */
    public static void register(Environment environment, Task task) {
        environment.admin().addTask(task);
        environment.admin().addServlet(task.getName() + "-task", new JsonTaskServlet(task)).addMapping("/tasks/" + task.getName());
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        StringWriter output = new StringWriter();
        try (PrintWriter writer = new PrintWriter(output)) {
            task.execute(parameters, writer);
        } catch (IllegalArgumentException invalid) {
            error(response, HttpServletResponse.SC_BAD_REQUEST, invalid.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, task.getName() + " was interrupted");
            return;
        } catch (Exception failed) {
            error(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, task.getName() + " failed: " + failed.getMessage());
            return;
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(output.toString());
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
        JsonErrors.write(response, status, message);
    }
}
