package dev.fleet.platform.messaging.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Serves {@code POST /tasks/<name>} for one task in place of Dropwizard's TaskServlet (which answers 500 for any
 * exception), like {@code dev.fleet.platform.ops.FaultTaskServlet}: {@link IllegalArgumentException} → 400 JSON,
 * other failures → 503 JSON (a broker problem, not a bug), the output only after the task succeeded.
 */
public class TaskServlet400 extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final transient Task task;

    public TaskServlet400(Task task) {
        this.task = task;
    }

    /** Registers the task (so {@code GET /tasks} lists it) and this servlet at its exact path. */
    public static void register(Environment environment, Task task) {
        environment.admin().addTask(task);
        environment.admin().addServlet(task.getName() + "-task", new TaskServlet400(task)).addMapping("/tasks/" + task.getName());
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", status);
        body.put("message", message);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
