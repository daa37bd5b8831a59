package dev.fleet.app.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.platform.testing.FleetAppExtension;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static dev.fleet.app.support.ApiAssertions.assertError;
import static dev.fleet.app.support.Monolith.api;
import static dev.fleet.app.support.Monolith.json;
import static org.assertj.core.api.Assertions.assertThat;

/** The original cars contract, end to end through the monolith. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CarResourceTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<FleetConfiguration> APP = Monolith.app(DB);


    @Test
    void listsTheSeededFleetIncludingTheOriginalTwoCars() {
        JsonNode cars = api(APP, "/api/cars").request().get(JsonNode.class);
        assertThat(cars.size()).isGreaterThanOrEqualTo(20);
        assertThat(cars.findValuesAsText("id")).contains("0345391802", "0000000000");
    }

    @Test
    void readsTheOriginalFordGalaxyWithAllFields() {
        Response response = api(APP, "/api/cars/0345391802").request().get();
        assertThat(response.getStatus()).isEqualTo(200);
        String body = response.readEntity(String.class);
        assertThat(body).as("money keeps two decimal places on the wire").contains("\"dailyRate\":59.00");
        JsonNode car = Monolith.parse(body);
        assertThat(car.get("manufacturer").asText()).isEqualTo("Ford");
        assertThat(car.get("model").asText()).isEqualTo("Galaxy");
        assertThat(car.get("category").asText()).isEqualTo("VAN");
        assertThat(car.get("dailyRate").decimalValue()).isEqualByComparingTo("59.00");
        assertThat(car.get("location").asText()).isEqualTo("MAD");
    }

    @Test
    void unknownCarIs404Json() {
        Response response = api(APP, "/api/cars/NO-SUCH-CAR").request().get();
        assertError(response, 404, "car NO-SUCH-CAR not found");
    }

    @Test
    void malformedPathIdIs400() {
        Response response = api(APP, "/api/cars/bad%20id%21").request().get();
        assertError(response, 400, "car id must be");
        assertError(api(APP, "/api/cars/" + "x".repeat(37)).request().delete(), 400, "car id must be");
    }

    @Test
    void createReadReplaceDeleteLifecycle() {
        Response created = api(APP, "/api/cars").request().post(json(
                "{\"id\":\"TEST-LIFECYCLE\",\"manufacturer\":\"Renault\",\"model\":\"Zoe\",\"category\":\"COMPACT\",\"dailyRate\":39.5,\"location\":\"BCN\"}"));
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.getLocation().getPath()).isEqualTo("/api/cars/TEST-LIFECYCLE");
        String body = created.readEntity(String.class);
        assertThat(body).contains("\"dailyRate\":39.50");
        JsonNode car = Monolith.parse(body);

        JsonNode read = Monolith.parse(api(APP, "/api/cars/TEST-LIFECYCLE").request().get(String.class));
        assertThat(read).isEqualTo(car);

        Response replaced = api(APP, "/api/cars/TEST-LIFECYCLE").request().put(json(
                "{\"manufacturer\":\"Renault\",\"model\":\"Zoe E-Tech\",\"dailyRate\":41.00}"));
        assertThat(replaced.getStatus()).isEqualTo(200);
        JsonNode updated = replaced.readEntity(JsonNode.class);
        assertThat(updated.get("model").asText()).isEqualTo("Zoe E-Tech");
        assertThat(updated.get("location").asText()).as("fields left out keep their values").isEqualTo("BCN");
        assertThat(updated.get("category").asText()).isEqualTo("COMPACT");

        assertThat(api(APP, "/api/cars/TEST-LIFECYCLE").request().delete().getStatus()).isEqualTo(204);
        assertThat(api(APP, "/api/cars/TEST-LIFECYCLE").request().get().getStatus()).isEqualTo(404);
        assertError(api(APP, "/api/cars/TEST-LIFECYCLE").request().delete(), 404, "not found");
    }

    @Test
    void originalContractClientsSendOnlyIdManufacturerAndModel() {
        Response created = api(APP, "/api/cars").request().post(json("{\"id\":\"TEST-ORIGINAL\",\"manufacturer\":\"Seat\",\"model\":\"Leon\"}"));
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode car = created.readEntity(JsonNode.class);
        assertThat(car.get("category").asText()).isEqualTo("ECONOMY");
        assertThat(car.get("dailyRate").decimalValue()).isEqualByComparingTo("45.00");
        assertThat(car.get("location").asText()).isEqualTo("MAD");
    }

    @Test
    void createWithoutIdGetsAServerId() {
        Response created = api(APP, "/api/cars").request().post(json("{\"manufacturer\":\"Kia\",\"model\":\"Picanto\"}"));
        assertThat(created.getStatus()).isEqualTo(201);
        String id = created.readEntity(JsonNode.class).get("id").asText();
        assertThat(id).isNotBlank();
        assertThat(api(APP, "/api/cars/" + id).request().get().getStatus()).isEqualTo(200);
    }

    @Test
    void duplicateIdIs409AndKeepsTheOriginal() {
        Response response = api(APP, "/api/cars").request().post(json("{\"id\":\"0345391802\",\"manufacturer\":\"Fake\",\"model\":\"Car\"}"));
        assertError(response, 409, "car 0345391802 already exists");
        assertThat(api(APP, "/api/cars/0345391802").request().get(JsonNode.class).get("manufacturer").asText()).isEqualTo("Ford");
    }

    @Test
    void replacingAnUnknownCarIs404AndCreatesNothing() {
        assertError(api(APP, "/api/cars/TEST-GHOST").request().put(json("{\"manufacturer\":\"A\",\"model\":\"B\"}")), 404, "not found");
        assertThat(carCount("TEST-GHOST")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON            | {\"id\":\"TEST-BAD\",                                              | 400 | malformed JSON",
            "rate of wrong type        | {\"id\":\"TEST-BAD\",\"manufacturer\":\"A\",\"model\":\"B\",\"dailyRate\":\"cheap\"} | 400 | field 'dailyRate' must be a number",
            "manufacturer of wrong type| {\"id\":\"TEST-BAD\",\"manufacturer\":{\"a\":1},\"model\":\"B\"}    | 400 | field 'manufacturer' must be a string",
            "body is an array          | []                                                               | 400 | request body must be a JSON object",
            "missing manufacturer      | {\"id\":\"TEST-BAD\",\"model\":\"B\"}                              | 422 | manufacturer is required",
            "blank model               | {\"id\":\"TEST-BAD\",\"manufacturer\":\"A\",\"model\":\"  \"}        | 422 | model is required",
            "zero rate                 | {\"id\":\"TEST-BAD\",\"manufacturer\":\"A\",\"model\":\"B\",\"dailyRate\":0} | 422 | dailyRate must be greater than 0",
            "negative rate             | {\"id\":\"TEST-BAD\",\"manufacturer\":\"A\",\"model\":\"B\",\"dailyRate\":-10.00} | 422 | dailyRate must be greater than 0",
            "sub-cent rate             | {\"id\":\"TEST-BAD\",\"manufacturer\":\"A\",\"model\":\"B\",\"dailyRate\":10.001} | 422 | dailyRate must have at most two decimal places",
            "unknown category          | {\"id\":\"TEST-BAD\",\"manufacturer\":\"A\",\"model\":\"B\",\"category\":\"BUS\"} | 422 | category must be one of",
            "bad location              | {\"id\":\"TEST-BAD\",\"manufacturer\":\"A\",\"model\":\"B\",\"location\":\"Madrid\"} | 422 | location must be a three-letter",
            "bad id                    | {\"id\":\"bad id\",\"manufacturer\":\"A\",\"model\":\"B\"}         | 422 | id must be",
            "overlong model            | {\"id\":\"TEST-BAD\",\"manufacturer\":\"A\",\"model\":\"BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\"} | 422 | model must be at most 100 characters",
    })
    void badInputIsA4xxNamingTheProblemAndWritesNothing(String name, String body, int status, String message) {
        assertError(api(APP, "/api/cars").request().post(json(body.trim())), status, message);
        assertThat(carCount("TEST-BAD")).isZero();
    }

    @Test
    void everyProblemIsListedAtOnce() {
        Response response = api(APP, "/api/cars").request().post(json("{\"id\":\"TEST-BAD\",\"dailyRate\":-1,\"location\":\"x\"}"));
        JsonNode error = assertError(response, 422, "problems");
        assertThat(error.get("errors").findValuesAsText("")).isEmpty();
        assertThat(error.get("errors")).hasSize(4);
        assertThat(error.get("errors").toString()).contains("manufacturer is required", "model is required",
                "dailyRate must be greater than 0", "location must be");
    }

    @Test
    void emptyBodyIs422() {
        assertError(api(APP, "/api/cars").request().post(json("")), 422, "request body");
        assertError(api(APP, "/api/cars/0345391802").request().put(json("")), 422, "request body");
    }

    @Test
    void bodyIdMustMatchThePathOnReplace() {
        Response response = api(APP, "/api/cars/0345391802").request().put(json("{\"id\":\"0000000000\",\"manufacturer\":\"A\",\"model\":\"B\"}"));
        assertError(response, 422, "id in the body must match the id in the path");
        assertThat(api(APP, "/api/cars/0345391802").request().get(JsonNode.class).get("manufacturer").asText()).isEqualTo("Ford");
        assertThat(api(APP, "/api/cars/0000000000").request().get(JsonNode.class).get("manufacturer").asText()).isEqualTo("Porsche");
    }

    @Test
    void invalidReplaceLeavesTheCarUntouched() {
        assertError(api(APP, "/api/cars/0000000000").request().put(json("{\"dailyRate\":0}")), 422, "dailyRate");
        assertThat(api(APP, "/api/cars/0000000000").request().get(JsonNode.class).get("dailyRate").decimalValue())
                .isEqualByComparingTo(new BigDecimal("189.00"));
    }

    /**
     * Each write records a CarChanged in the catalog outbox; without Kafka (the default) the relay marks it handled,
     * since nothing in the monolith listens. The list carries the change number it reflects (the sync's watermark).
     */
    @Test
    void writesRecordCarChangedEventsWhichTheRelayMarksHandledWithoutKafka() throws InterruptedException {
        long before = Long.parseLong(api(APP, "/api/cars").request().get().getHeaderString(CarChanged.SEQUENCE_HEADER));
        assertThat(api(APP, "/api/cars").request().post(json("{\"id\":\"TEST-EVENTS\",\"manufacturer\":\"Seat\",\"model\":\"Leon\"}"))
                .getStatus()).isEqualTo(201);
        assertThat(api(APP, "/api/cars/TEST-EVENTS").request().put(json("{\"model\":\"Leon ST\"}")).getStatus()).isEqualTo(200);
        assertThat(api(APP, "/api/cars/TEST-EVENTS").request().delete().getStatus()).isEqualTo(204);
        assertError(api(APP, "/api/cars/TEST-EVENTS").request().delete(), 404, "not found");

        List<String> types = DB.jdbi().withHandle(h -> h.createQuery(
                "SELECT type FROM catalog_outbox WHERE aggregate_id = 'TEST-EVENTS' ORDER BY seq").mapTo(String.class).list());
        assertThat(types).containsExactly(CarChanged.TYPE, CarChanged.TYPE, CarChanged.TYPE);
        assertThat(api(APP, "/api/cars").request().get().getHeaderString(CarChanged.SEQUENCE_HEADER)).isEqualTo(String.valueOf(before + 3));
        String pending = "SELECT COUNT(*) FROM catalog_outbox WHERE aggregate_id = 'TEST-EVENTS' AND sent_at IS NULL";
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (FleetAppExtension.count(DB, pending) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(FleetAppExtension.count(DB, pending)).as("car changes still pending").isZero();
    }

    @Test
    void originalPingAndHelloStay() {
        assertThat(api(APP, "/ping").request().get(String.class)).isEqualTo("pong");
        assertThat(api(APP, "/hello").request().get(JsonNode.class).get("message").asText()).isEqualTo("Hello World!");
    }

    private static int carCount(String id) {
        return DB.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM cars WHERE id = :id").bind("id", id).mapTo(Integer.class).one());
    }
}
