package dev.fleet.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on Fleet's JSON error contract. */
public final class ApiAssertions {

    private ApiAssertions() {
    }

    /** A JSON {@code {"code","message"}} error with this status whose message names the problem, without a stack trace. */
    public static JsonNode assertError(Response response, int status, String messagePart) {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType().toString()).startsWith("application/json");
        JsonNode error = response.readEntity(JsonNode.class);
        assertThat(error.get("code").asInt()).isEqualTo(status);
        assertThat(error.get("message").asText()).contains(messagePart);
        assertThat(error.toString()).doesNotContain("Exception", "\tat ");
        return error;
    }

    /**
     * A remote call's fail-fast answer: 503 with {@code Retry-After: 5} and the JSON error naming {@code service}
     * (read with the plain client of {@link Services}: the test client silently retries a 503).
     */
    public static void assertUnavailable(HttpResponse<String> response, String service) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).contains("5");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body()).isEqualTo("{\"code\":503,\"message\":\"" + service + " is unavailable, retry after 5 s\"}");
    }
}
