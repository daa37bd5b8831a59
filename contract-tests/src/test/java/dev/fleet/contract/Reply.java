package dev.fleet.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One HTTP answer: status, headers and the body as text (so a contract can check how money is written). */
public record Reply(String request, int status, HttpHeaders headers, String body) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The body as JSON; decimals stay exact so money keeps its scale. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError(request + " answered " + status + " with a body that is not JSON: " + body, e);
        }
    }

    /** Asserts the status (the body is in the failure message) and returns this reply. */
    public Reply expect(int expected) {
        assertThat(status).as("%s answered: %s", request, body).isEqualTo(expected);
        return this;
    }

    /** The body as JSON after asserting the status. */
    public JsonNode json(int expected) {
        return expect(expected).json();
    }

    /** The elements of a JSON array body (status 200). */
    public List<JsonNode> list() {
        JsonNode array = json(200);
        assertThat(array.isArray()).as("%s answers a JSON array: %s", request, body).isTrue();
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The path of the {@code Location} header. */
    public String locationPath() {
        String location = header("Location");
        assertThat(location).as("%s answers a Location", request).isNotNull();
        return URI.create(location).getPath();
    }

    /**
     * Fleet's error contract: this status, {@code application/json}, {@code {"code":status,"message":…}} whose message
     * contains {@code messagePart}, no stack trace. Returns the error for checks on its {@code errors} list.
     */
    public JsonNode expectError(int expected, String messagePart) {
        expect(expected);
        assertThat(header("Content-Type")).as("%s: content type of the error", request).startsWith("application/json");
        JsonNode error = json();
        assertThat(error.path("code").asInt()).as("%s: code in %s", request, body).isEqualTo(expected);
        assertThat(error.path("message").asText()).as("%s: message in %s", request, body).contains(messagePart);
        assertThat(body).as("%s: no stack trace", request).doesNotContain("Exception", "\tat ");
        return error;
    }
}
