package dev.fleet.app;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.support.Monolith;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.fleet.app.support.Monolith.api;
import static dev.fleet.app.support.Monolith.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The chassis as a user of the monolith sees it: request ids, body limits, admin endpoints. */
@ExtendWith(DropwizardExtensionsSupport.class)
class MonolithOperationsTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<FleetConfiguration> APP = Monolith.app(DB);


    @Test
    void everyAnswerCarriesARequestIdAndEchoesTheCallersOne() {
        assertThat(api(APP, "/api/cars").request().get().getHeaderString("X-Request-Id")).isNotBlank();
        assertThat(api(APP, "/api/cars/nope").request().header("X-Request-Id", "trace-42").get().getHeaderString("X-Request-Id"))
                .isEqualTo("trace-42");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST, /api/cars, cars",
            "PUT, /api/cars/0345391802, cars",
            "POST, /api/customers, customers",
            "POST, /api/reservations, reservations",
    })
    void oversizedBodyIs413JsonAndWritesNothing(String method, String path, String table) {
        String before = snapshot(table);
        String huge = "{\"id\":\"TEST-HUGE\",\"name\":\"" + "x".repeat(70_000) + "\",\"manufacturer\":\"A\",\"model\":\"B\"}";
        Response response = api(APP, path).request().method(method, json(huge));
        assertThat(response.getStatus()).isEqualTo(413);
        JsonNode error = response.readEntity(JsonNode.class);
        assertThat(error.get("code").asInt()).isEqualTo(413);
        assertThat(error.get("message").asText()).contains("request body exceeds 65536 bytes");
        assertThat(snapshot(table)).as("nothing written to " + table).isEqualTo(before);
    }

    /** The table's whole content as text, to compare before and after. */
    private static String snapshot(String table) {
        return DB.jdbi().withHandle(h -> h.createQuery("SELECT * FROM " + table + " ORDER BY 1").mapToMap().list().toString());
    }

    @Test
    void unknownPathIsJson404() {
        Response response = api(APP, "/api/nothing-here").request().get();
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.readEntity(JsonNode.class).get("code").asInt()).isEqualTo(404);
    }

    @Test
    void adminPortServesHealthPrometheusAndTheHystrixStream() throws Exception {
        String admin = "http://127.0.0.1:" + APP.getAdminPort();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(admin + "/healthcheck")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"database\"", "\"hystrix\"");

        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(URI.create(admin + "/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("# TYPE");

        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(admin + "/hystrix.stream"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).startsWith("ping:");
        }
    }
}
