package dev.fleet.dashboard;

import java.net.URI;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * {@code java -jar hystrix-dashboard.jar}: the dashboard on {@code FLEET_DASHBOARD_HOST:FLEET_DASHBOARD_PORT}
 * (127.0.0.1:7979) for the Turbine at {@code FLEET_TURBINE_URL} (http://127.0.0.1:8989).
 */
public final class DashboardMain {
    private DashboardMain() {
    }

    public static DashboardServer start(UnaryOperator<String> env) throws java.io.IOException {
        String host = setting(env, "FLEET_DASHBOARD_HOST", "127.0.0.1");
        int port = Integer.parseInt(setting(env, "FLEET_DASHBOARD_PORT", "7979"));
        URI turbine = URI.create(setting(env, "FLEET_TURBINE_URL", "http://127.0.0.1:8989"));
        if (!"http".equals(turbine.getScheme()) || turbine.getHost() == null) {
            throw new IllegalArgumentException("FLEET_TURBINE_URL: '" + turbine + "' is not an http:// URL");
        }
        return new DashboardServer(turbine, Duration.ofSeconds(2), host, port).start();
    }

    private static String setting(UnaryOperator<String> env, String name, String fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public static void main(String[] args) throws Exception {
        DashboardServer server = start(System::getenv);
        System.out.println("Hystrix dashboard on http://" + setting(System::getenv, "FLEET_DASHBOARD_HOST", "127.0.0.1")
                + ":" + server.port() + "/");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "dashboard-stop"));
    }
}
