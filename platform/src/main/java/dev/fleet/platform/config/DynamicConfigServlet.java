package dev.fleet.platform.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.netflix.config.ConfigurationManager;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /config} (admin port, read only): every property a Fleet source of this app sets with the value in
 * effect in the JVM, each source with its values, the rejected-value count and the latest rejections.
 */
final class DynamicConfigServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient AppDynamicConfig config;
    private final transient ObjectMapper json;

    DynamicConfigServlet(AppDynamicConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
    }

    /** Read only: anything but GET/HEAD is a 405 JSON error naming what is allowed (not the container's HTML page). */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException,
            jakarta.servlet.ServletException {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method)) {
            super.service(request, response);
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        error.put("message", method + " is not allowed: " + DynamicConfigBundle.ADMIN_PATH + " is read only (GET)");
        error.put("errors", List.of());
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        response.setHeader("Allow", "GET, HEAD");
        response.setContentType("application/json");
        json.writeValue(response.getOutputStream(), error);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, Object> effective = new TreeMap<>();
        List<Map<String, Object>> sources = new ArrayList<>();
        var archaius = ConfigurationManager.getConfigInstance();
        for (PropertyLayer layer : config.layers()) {
            Map<String, String> values = layer.values();
            values.keySet().forEach(key -> effective.put(key, String.valueOf(archaius.getProperty(key))));
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("source", layer.source());
            source.put("values", values);
            sources.add(source);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("app", config.app());
        if (config.consulEnabled()) {
            body.put("consul", Map.of("reachable", config.consulReachable(), "failedPolls", config.consulFailures()));
        }
        body.put("effective", effective);
        body.put("sources", sources);
        body.put("rejectedCount", config.rejections().count());
        body.put("rejected", config.rejections().latest());
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "no-store");
        json.writeValue(response.getOutputStream(), body);
    }
}
