package dev.fleet.edge;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Consul agent for edge tests, like the platform's TestConsul (which cannot be used here: its test-jar would
 * bring Dropwizard onto Zuul's classpath): {@code FLEET_IT_CONSUL}, else a {@code consul agent -dev} from
 * {@code FLEET_CONSUL_BIN} or the {@code .ci/consul build} cache, once per JVM; else the test is skipped.
 */
final class EdgeTestConsul {
    private static String url;

    private EdgeTestConsul() {
    }

    static synchronized String url() throws Exception {
        if (url != null) {
            return url;
        }
        String given = System.getenv("FLEET_IT_CONSUL");
        if (given != null && !given.isBlank()) {
            return url = given;
        }
        Path bin = binary();
        Assumptions.assumeTrue(bin != null && Files.isExecutable(bin),
                "no Consul: set FLEET_IT_CONSUL or run .ci/consul build");
        int[] ports = new int[4];
        for (int i = 0; i < 4; i++) {
            try (ServerSocket s = new ServerSocket(0)) {
                ports[i] = s.getLocalPort();
            }
        }
        Process p = new ProcessBuilder(List.of(bin.toString(), "agent", "-dev", "-client", "127.0.0.1",
                "-bind", "127.0.0.1", "-node", "fleet-edge-test", "-http-port", String.valueOf(ports[0]),
                "-server-port", String.valueOf(ports[1]), "-serf-lan-port", String.valueOf(ports[2]),
                "-serf-wan-port", String.valueOf(ports[3]), "-dns-port", "-1", "-grpc-port", "-1",
                "-grpc-tls-port", "-1", "-log-level", "warn"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        String u = "http://127.0.0.1:" + ports[0];
        HttpClient http = HttpClient.newHttpClient();
        EdgeClient.await("consul leader", 30, () -> {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(u + "/v1/status/leader")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().length() > 2;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
        return url = u;
    }

    private static Path binary() throws IOException {
        String pinned = System.getenv("FLEET_CONSUL_BIN");
        if (pinned != null && !pinned.isBlank()) {
            return Path.of(pinned);
        }
        String cache = System.getenv("FLEET_CACHE_DIR");
        Path dir = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "fleet");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (var s = Files.list(dir)) {
            return s.filter(d -> d.getFileName().toString().startsWith("consul-"))
                    .map(d -> d.resolve("consul")).filter(Files::isExecutable).findFirst().orElse(null);
        }
    }
}
