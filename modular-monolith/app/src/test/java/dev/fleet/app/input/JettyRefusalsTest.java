package dev.fleet.app.input;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests Jetty itself refuses, before any resource sees them, answered in Fleet's JSON error shape on the
 * application port and on the admin port, never as Jetty's HTML page. Sent over a raw socket: an HTTP client
 * library would refuse to send most of them.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class JettyRefusalsTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<FleetConfiguration> APP = Monolith.app(DB);

    @ParameterizedTest(name = "{0} port: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            app   | NUL in the path             | GET /api/cars/%00 HTTP/1.1                | 400
            admin | NUL in the path             | GET /%00 HTTP/1.1                         | 400
            app   | encoded slash and dot-dot   | GET /api/cars/..%2F..%2Fadmin HTTP/1.1    | 400
            app   | bad percent escape          | GET /api/cars/%ZZ HTTP/1.1                | 400
            admin | bad percent escape          | GET /healthcheck%ZZ HTTP/1.1              | 400
            app   | not HTTP at all             | HELLO                                     | 400
            app   | header without a colon      | GET /api/cars HTTP/1.1\\r\\nBroken header  | 400
            admin | unknown admin path          | GET /no-such-task HTTP/1.1                | 404
            """)
    void isAJsonError(String port, String what, String requestLine, int status) throws IOException {
        String request = requestLine.replace("\\r\\n", "\r\n") + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        Answer answer = send(port.equals("app") ? APP.getLocalPort() : APP.getAdminPort(), request);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.header("content-type")).as(answer.raw()).startsWith("application/json");
        JsonNode error = Monolith.parse(answer.body());
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(answer.body()).doesNotContain("<", "Exception");
    }

    @ParameterizedTest(name = "{0} port")
    @CsvSource({"app", "admin"})
    void aUriTooLongIsA414JsonError(String port) throws IOException {
        String request = "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        Answer answer = send(port.equals("app") ? APP.getLocalPort() : APP.getAdminPort(), request);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(414);
        assertThat(answer.header("content-type")).startsWith("application/json");
        assertThat(Monolith.parse(answer.body()).get("code").asInt()).isEqualTo(414);
    }

    private record Answer(String raw, int status, String head, String body) {
        String header(String name) {
            return head.lines().filter(l -> l.toLowerCase().startsWith(name + ":"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("");
        }
    }

    private static Answer send(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            String raw = bytes.toString(StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            assertThat(split).as("a complete HTTP answer: " + raw).isPositive();
            String head = raw.substring(0, split);
            int status = Integer.parseInt(head.split(" ", 3)[1]);
            return new Answer(raw, status, head, raw.substring(split + 4));
        }
    }
}
