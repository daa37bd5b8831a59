package dev.fleet.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.fleet.contract.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/cars}: the original cars contract (id, manufacturer, model) grown by category, dailyRate, location. */
public interface CarsContract extends Contract {

    @Test
    default void theOriginalFordGalaxyIsServedWithEveryField() {
        Reply reply = api().get("/api/cars/0345391802").expect(200);
        assertThat(reply.body()).as("money keeps two decimal places on the wire").contains("\"dailyRate\":59.00");
        JsonNode car = reply.json();
        assertThat(car.get("id").asText()).isEqualTo("0345391802");
        assertThat(car.get("manufacturer").asText()).isEqualTo("Ford");
        assertThat(car.get("model").asText()).isEqualTo("Galaxy");
        assertThat(car.get("category").asText()).isEqualTo("VAN");
        assertThat(car.get("location").asText()).isEqualTo("MAD");
    }

    @Test
    default void theListIsAnArrayOfCarsWithTheOriginalTwo() {
        var cars = api().get("/api/cars").list();
        assertThat(cars).extracting(car -> car.get("id").asText()).contains("0345391802", "0000000000");
        assertThat(cars).allSatisfy(car -> assertThat(car.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("id", "manufacturer", "model", "category", "dailyRate", "location"));
    }

    @Test
    default void aCarIsCreatedReadReplacedAndDeleted() {
        String id = unique("CT-");
        Reply created = api().post("/api/cars", "{\"id\":\"" + id + "\",\"manufacturer\":\"Renault\",\"model\":\"Zoe\","
                + "\"category\":\"COMPACT\",\"dailyRate\":39.5,\"location\":\"BCN\"}").expect(201);
        assertThat(created.locationPath()).isEqualTo("/api/cars/" + id);
        assertThat(created.body()).contains("\"dailyRate\":39.50");
        assertThat(api().get("/api/cars/" + id).json(200)).isEqualTo(created.json());
        assertThat(api().get("/api/cars").list()).extracting(car -> car.get("id").asText()).contains(id);

        JsonNode replaced = api().put("/api/cars/" + id, "{\"manufacturer\":\"Renault\",\"model\":\"Zoe E-Tech\",\"dailyRate\":41.00}")
                .json(200);
        assertThat(replaced.get("model").asText()).isEqualTo("Zoe E-Tech");
        assertThat(replaced.get("dailyRate").decimalValue()).isEqualByComparingTo("41.00");
        assertThat(replaced.get("location").asText()).as("fields left out keep their values").isEqualTo("BCN");
        assertThat(replaced.get("category").asText()).isEqualTo("COMPACT");
        assertThat(api().get("/api/cars/" + id).json(200)).isEqualTo(replaced);

        api().delete("/api/cars/" + id).expect(204);
        api().get("/api/cars/" + id).expectError(404, "car " + id + " not found");
        api().delete("/api/cars/" + id).expectError(404, "not found");
    }

    @Test
    default void originalClientsSendingOnlyIdManufacturerAndModelGetDefaults() {
        String id = unique("CT-");
        JsonNode car = api().post("/api/cars", "{\"id\":\"" + id + "\",\"manufacturer\":\"Seat\",\"model\":\"Leon\"}").json(201);
        assertThat(car.get("category").asText()).isEqualTo("ECONOMY");
        assertThat(car.get("dailyRate").decimalValue()).isEqualByComparingTo("45.00");
        assertThat(car.get("location").asText()).isEqualTo("MAD");
    }

    @Test
    default void aCarCreatedWithoutAnIdGetsOneFromTheServer() {
        String id = api().post("/api/cars", "{\"manufacturer\":\"Kia\",\"model\":\"Picanto\"}").json(201).get("id").asText();
        assertThat(id).isNotBlank();
        api().get("/api/cars/" + id).expect(200);
    }

    @Test
    default void anUnknownCarIs404Json() {
        api().get("/api/cars/NO-SUCH-CAR").expectError(404, "car NO-SUCH-CAR not found");
    }

    @Test
    default void aMalformedCarIdInThePathIs400() {
        api().get("/api/cars/bad%20id%21").expectError(400, "car id must be");
        api().delete("/api/cars/" + "x".repeat(37)).expectError(400, "car id must be");
    }

    @Test
    default void aDuplicateIdIs409AndKeepsTheOriginal() {
        api().post("/api/cars", "{\"id\":\"0345391802\",\"manufacturer\":\"Fake\",\"model\":\"Car\"}")
                .expectError(409, "car 0345391802 already exists");
        assertThat(api().get("/api/cars/0345391802").json(200).get("manufacturer").asText()).isEqualTo("Ford");
    }

    @Test
    default void replacingAnUnknownCarIs404AndCreatesNothing() {
        String id = unique("CT-");
        api().put("/api/cars/" + id, "{\"manufacturer\":\"A\",\"model\":\"B\"}").expectError(404, "not found");
        api().get("/api/cars/" + id).expect(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON             | {\"id\":\"CT-BAD\",                                                         | 400 | malformed JSON",
            "rate of wrong type         | {\"id\":\"CT-BAD\",\"manufacturer\":\"A\",\"model\":\"B\",\"dailyRate\":\"cheap\"} | 400 | field 'dailyRate' must be a number",
            "manufacturer of wrong type | {\"id\":\"CT-BAD\",\"manufacturer\":{\"a\":1},\"model\":\"B\"}             | 400 | field 'manufacturer' must be a string",
            "body is an array           | []                                                                          | 400 | request body must be a JSON object",
            "missing manufacturer       | {\"id\":\"CT-BAD\",\"model\":\"B\"}                                         | 422 | manufacturer is required",
            "blank model                | {\"id\":\"CT-BAD\",\"manufacturer\":\"A\",\"model\":\"  \"}                 | 422 | model is required",
            "zero rate                  | {\"id\":\"CT-BAD\",\"manufacturer\":\"A\",\"model\":\"B\",\"dailyRate\":0}  | 422 | dailyRate must be greater than 0",
            "sub-cent rate              | {\"id\":\"CT-BAD\",\"manufacturer\":\"A\",\"model\":\"B\",\"dailyRate\":10.001} | 422 | dailyRate must have at most two decimal places",
            "unknown category           | {\"id\":\"CT-BAD\",\"manufacturer\":\"A\",\"model\":\"B\",\"category\":\"BUS\"} | 422 | category must be one of",
            "bad location               | {\"id\":\"CT-BAD\",\"manufacturer\":\"A\",\"model\":\"B\",\"location\":\"Madrid\"} | 422 | location must be a three-letter",
            "bad id                     | {\"id\":\"bad id\",\"manufacturer\":\"A\",\"model\":\"B\"}                  | 422 | id must be",
    })
    default void badInputIsA4xxNamingTheProblemAndCreatesNothing(String name, String body, int status, String message) {
        api().post("/api/cars", body.trim()).expectError(status, message);
        api().get("/api/cars/CT-BAD").expect(404);
    }

    @Test
    default void everyProblemWithACarIsListedAtOnce() {
        JsonNode error = api().post("/api/cars", "{\"id\":\"CT-BAD\",\"dailyRate\":-1,\"location\":\"x\"}").expectError(422, "problems");
        assertThat(error.get("errors")).hasSize(4);
        assertThat(error.get("errors").toString()).contains("manufacturer is required", "model is required",
                "dailyRate must be greater than 0", "location must be");
    }

    @Test
    default void anEmptyCarBodyIs422() {
        api().post("/api/cars", "").expectError(422, "request body");
        api().put("/api/cars/0345391802", "").expectError(422, "request body");
    }

    @Test
    default void aReplaceWhoseBodyIdDiffersFromThePathIs422AndChangesNothing() {
        api().put("/api/cars/0345391802", "{\"id\":\"0000000000\",\"manufacturer\":\"A\",\"model\":\"B\"}")
                .expectError(422, "id in the body must match the id in the path");
        assertThat(api().get("/api/cars/0345391802").json(200).get("manufacturer").asText()).isEqualTo("Ford");
        assertThat(api().get("/api/cars/0000000000").json(200).get("manufacturer").asText()).isEqualTo("Porsche");
    }
}
