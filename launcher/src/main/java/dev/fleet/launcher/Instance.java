package dev.fleet.launcher;

import java.util.List;
import java.util.Map;

/**
 * One process the launcher runs: {@code id} is the app name for the first instance and {@code <app>-<n>} for the
 * others; {@code adminPort} is 0 for apps without one. {@code env} is what the launcher sets on top of its own
 * environment; {@code command} the whole command line.
 */
public record Instance(String id, AppKind kind, int number, int port, int adminPort, Map<String, String> env,
                       List<String> command) {

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** The admin URL of {@code path}, or the app port's for apps without an admin port. */
    public String adminUrl(String path) {
        return "http://127.0.0.1:" + (adminPort == 0 ? port : adminPort) + path;
    }

    public String healthUrl() {
        return adminUrl(kind.healthPath());
    }

    /** The address another app or the edge uses to reach this instance's API. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }
}
