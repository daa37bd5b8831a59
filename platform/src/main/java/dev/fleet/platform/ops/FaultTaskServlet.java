package dev.fleet.platform.ops;

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
 * Serves {@code POST /tasks/<name>} of one task (e.g. {@code fault}, {@code amqp-redrive}) in place of Dropwizard's
 * TaskServlet, which answers 500 (with a stack trace) for every exception a task throws: here an
 * {@link IllegalArgumentException} is a 400. Mapped at the exact path, which wins over TaskServlet's
 * {@code /tasks/*}; the task itself stays registered so {@code GET /tasks} still lists it.
 */
public class FaultTaskServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Task task;

    public FaultTaskServlet(Task task) {
        this.task = task;
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, jakarta.servlet.ServletException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        StringWriter output = new StringWriter();
        try (PrintWriter writer = new PrintWriter(output)) {
            task.execute(parameters, writer);
        } catch (IllegalArgumentException invalid) {
            JsonErrors.write(response, HttpServletResponse.SC_BAD_REQUEST, invalid.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new jakarta.servlet.ServletException(task.getName() + " failed", e);
        }
        // written only after the task succeeded: never a partial answer
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(output.toString());
    }
}
