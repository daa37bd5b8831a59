package dev.fleet.app.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.app.FleetApplication;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.platform.testing.FleetAppExtension;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.MediaType;


/** Starts the real monolith, with its real config.yml, on random ports and a fresh test database. */
public final class Monolith {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Monolith() {
    }

    /** The monolith on {@code database}; the database is dropped when the app stops after the test class. */
    public static DropwizardAppExtension<FleetConfiguration> app(TestDatabase database, ConfigOverride... extra) {
        return FleetAppExtension.app(FleetApplication.class, database, extra);
    }

    /** A target on the application port, e.g. {@code api(APP, "/api/cars")}. */
    public static WebTarget api(DropwizardAppExtension<FleetConfiguration> app, String path) {
        return app.client().target("http://127.0.0.1:" + app.getLocalPort() + path);
    }

    /** Parses a response body; decimals stay {@link java.math.BigDecimal} so money keeps its scale. */
    public static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("response is not JSON: " + body, e);
        }
    }

    /** A JSON body from raw text, so tests can send malformed or wrongly typed JSON too. */
    public static Entity<String> json(String body) {
        return Entity.entity(body, MediaType.APPLICATION_JSON_TYPE);
    }
}
