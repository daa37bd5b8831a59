package dev.fleet.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;

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
}
