package dev.fleet.platform.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.platform.Http;
import dev.fleet.platform.TestApp;
import io.dropwizard.core.Configuration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(DropwizardExtensionsSupport.class)
@Timeout(15)
class OperationsBundleTest {
    private static final DropwizardAppExtension<Configuration> APP =
            new DropwizardAppExtension<>(TestApp.class, TestApp.CONFIG);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 64 * 1024;

    @AfterEach
    void clearFaults() {
        ((TestApp) APP.getApplication()).operations.faults().clear();
    }

    private static String app(String path) {
        return "http://127.0.0.1:" + APP.getLocalPort() + path;
    }

    private static String admin(String path) {
        return "http://127.0.0.1:" + APP.getAdminPort() + path;
    }

    // --- request id ---

    @Test
    void echoesAValidIncomingRequestIdAndPutsItInTheMdc() throws Exception {
        HttpResponse<String> response = Http.CLIENT.send(Http.request(app("/request-id"))
                .header("X-Request-Id", "edge-1:abc.DEF_42").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("edge-1:abc.DEF_42");
        // MDC and RequestIds.current() as seen by the resource
        assertThat(response.body()).isEqualTo("edge-1:abc.DEF_42|edge-1:abc.DEF_42");
    }

    @Test
    void generatesAUuidWhenThereIsNone() throws Exception {
        HttpResponse<String> response = Http.get(app("/request-id"));
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(response.body()).isEqualTo(id + "|" + id);
        assertThat(Http.get(app("/request-id")).headers().firstValue("X-Request-Id")).isNotEqualTo(id);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a-very-long-id-0123456789012345678901234567890123456789012345678901234567890",
            "<script>alert(1)</script>",
            "id with spaces",
            "id;drop"})
    void replacesUnsafeRequestIds(String unsafe) throws Exception {
        HttpResponse<String> response = Http.CLIENT.send(Http.request(app("/request-id"))
                .header("X-Request-Id", unsafe).GET().build(), HttpResponse.BodyHandlers.ofString());
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).isNotEqualTo(unsafe);
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(response.body()).isEqualTo(id + "|" + id);
    }

    @Test
    void replacesARequestIdCarryingAnEncodedLineBreak() throws Exception {
        String injection = "abc%0D%0ASet-Cookie:%20x=1";
        HttpResponse<String> response = Http.CLIENT.send(Http.request(app("/request-id"))
                .header("X-Request-Id", injection).GET().build(), HttpResponse.BodyHandlers.ofString());
        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void mdcIsClearedAfterTheRequest() throws Exception {
        // Jetty reuses request threads: a request without id must never see the previous one
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> response = Http.CLIENT.send(Http.request(app("/request-id"))
                    .header("X-Request-Id", "first-" + i).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.body()).isEqualTo("first-" + i + "|first-" + i);
            String fresh = Http.get(app("/request-id")).body();
            assertThat(fresh).doesNotContain("first-");
        }
        assertThat(RequestIds.current()).isEmpty();
    }

    // --- body limit ---

    @Test
    void acceptsSmallBodies() throws Exception {
        HttpResponse<String> fixed = Http.CLIENT.send(Http.request(app("/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fixed.statusCode()).isEqualTo(200);
        assertThat(fixed.body()).isEqualTo("received " + LIMIT);

        HttpResponse<String> chunked = Http.CLIENT.send(Http.request(app("/echo"))
                .POST(chunked(LIMIT)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(chunked.body()).isEqualTo("received " + LIMIT);
    }

    @Test
    void rejectsAnOversizedContentLengthBody() throws Exception {
        HttpResponse<String> response = Http.CLIENT.send(Http.request(app("/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1])).build(), HttpResponse.BodyHandlers.ofString());
        assertTooLarge(response);
    }

    @Test
    void rejectsAnOversizedChunkedBody() throws Exception {
        HttpResponse<String> response = Http.CLIENT.send(Http.request(app("/echo"))
                .POST(chunked(4 * LIMIT)).build(), HttpResponse.BodyHandlers.ofString());
        assertTooLarge(response);
    }

    private static HttpRequest.BodyPublisher chunked(int size) {
        // unknown length: HttpClient sends Transfer-Encoding: chunked
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[size]));
    }

    private static void assertTooLarge(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).isEqualTo("{\"code\":413,\"message\":\"request body exceeds 65536 bytes\"}");
    }

    // --- fault injection ---

    @Test
    void injectsFaultsUnderAPathPrefixUntilCleared() throws Exception {
        HttpResponse<String> set = Http.post(admin("/tasks/fault?latencyMs=200&errorRate=1.0&path=/api/faulty"));
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("active").contains("/api/faulty").contains("200 ms").contains("1.0");
        assertThat(Http.post(admin("/tasks/fault")).body()).contains("active").contains("/api/faulty");

        long start = System.nanoTime();
        HttpResponse<String> faulty = Http.get(app("/api/faulty/cars"));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
        assertThat(faulty.statusCode()).isEqualTo(503);
        assertThat(faulty.headers().firstValue("X-Fleet-Fault")).hasValue("injected");
        assertThat(faulty.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(faulty.body()).isEqualTo("{\"code\":503,\"message\":\"injected fault\"}");

        HttpResponse<String> other = Http.get(app("/api/healthy"));
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().firstValue("X-Fleet-Fault")).isEmpty();

        HttpResponse<String> cleared = Http.post(admin("/tasks/fault?clear=true"));
        assertThat(cleared.statusCode()).isEqualTo(200);
        assertThat(cleared.body()).contains("off");
        assertThat(Http.get(app("/api/faulty/cars")).statusCode()).isEqualTo(200);
    }

    @Test
    void latencyOnlyRuleDelaysButDoesNotFail() throws Exception {
        assertThat(Http.post(admin("/tasks/fault?latencyMs=300")).statusCode()).isEqualTo(200);
        long start = System.nanoTime();
        HttpResponse<String> response = Http.get(app("/api/any"));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource({
            "errorRate=2, errorRate",
            "errorRate=abc, errorRate",
            "errorRate=NaN, errorRate",
            "latencyMs=-1, latencyMs",
            "latencyMs=60001, latencyMs",
            "latencyMs=1.5, latencyMs",
            "path=api, path",
            "clear=yes, clear",
            "bogus=1, bogus"})
    void rejectsInvalidParametersWith400NamingThem(String query, String parameter) throws Exception {
        HttpResponse<String> response = Http.post(admin("/tasks/fault?" + query));
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("code").asInt()).isEqualTo(400);
        assertThat(error.path("message").asText()).contains(parameter);
        assertThat(((TestApp) APP.getApplication()).operations.faults().rule()).isEmpty();
    }

    @Test
    void faultTaskIsListedWithTheOtherTasks() throws Exception {
        HttpResponse<String> tasks = Http.get(admin("/tasks"));
        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(tasks.body()).contains("fault");
    }
}
