package dev.fleet.contract;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.fleet.contract.Fixtures.unique;
import static dev.fleet.contract.Fixtures.unknownUuid;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/customers}: register, read, list. */
public interface CustomersContract extends Contract {

    @Test
    default void aCustomerIsRegisteredWithAServerIdAndNormalizedFields() {
        String tag = unique("");
        Reply created = api().post("/api/customers", "{\"name\":\" Margaret Hamilton \",\"email\":\"Margaret." + tag
                + "@NASA.gov\",\"licenceNumber\":\"apollo-" + tag.toLowerCase() + "\"}").expect(201);
        JsonNode customer = created.json();
        String id = customer.get("id").asText();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(created.locationPath()).isEqualTo("/api/customers/" + id);
        assertThat(customer.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name", "email", "licenceNumber");
        assertThat(customer.get("name").asText()).isEqualTo("Margaret Hamilton");
        assertThat(customer.get("email").asText()).isEqualTo("margaret." + tag.toLowerCase() + "@nasa.gov");
        assertThat(customer.get("licenceNumber").asText()).isEqualTo("APOLLO-" + tag);
        assertThat(api().get("/api/customers/" + id).json(200)).isEqualTo(customer);
    }

    @Test
    default void theListShowsCustomersInRegistrationOrder() {
        String first = seed().customer();
        String second = seed().customer();
        List<String> ids = api().get("/api/customers").list().stream().map(c -> c.get("id").asText()).toList();
        assertThat(ids).contains(first, second);
        assertThat(ids.indexOf(first)).isLessThan(ids.indexOf(second));
    }

    @Test
    default void anUnknownCustomerIs404Json() {
        String id = unknownUuid();
        api().get("/api/customers/" + id).expectError(404, "customer " + id + " not found");
    }

    @Test
    default void aMalformedCustomerIdInThePathIs400() {
        api().get("/api/customers/not-a-uuid").expectError(400, "customer id must be a UUID");
    }

    @Test
    default void aTakenEmailOrLicenceIs409NamingItAndRegistersNothing() {
        String tag = unique("");
        String email = "taken." + tag.toLowerCase() + "@example.com";
        api().post("/api/customers", "{\"name\":\"First\",\"email\":\"" + email + "\",\"licenceNumber\":\"T-" + tag + "\"}").expect(201);
        int before = api().get("/api/customers").list().size();

        api().post("/api/customers", "{\"name\":\"Impostor\",\"email\":\"" + email.toUpperCase() + "\",\"licenceNumber\":\"N-" + tag + "\"}")
                .expectError(409, "email " + email + " is already registered");
        api().post("/api/customers", "{\"name\":\"Impostor\",\"email\":\"new." + email + "\",\"licenceNumber\":\"t-" + tag.toLowerCase() + "\"}")
                .expectError(409, "licenceNumber T-" + tag + " is already registered");
        assertThat(api().get("/api/customers").list()).hasSize(before);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON      | {\"name\":\"A\",                                                              | 400 | malformed JSON",
            "name of wrong type  | {\"name\":{\"first\":\"A\"},\"email\":\"a@example.com\",\"licenceNumber\":\"ABCDE\"} | 400 | field 'name' must be a string",
            "body is a string    | \"Ada\"                                                                        | 400 | request body must be a JSON object",
            "missing name        | {\"email\":\"a@example.com\",\"licenceNumber\":\"ABCDE\"}                     | 422 | name is required",
            "email without @     | {\"name\":\"A\",\"email\":\"a.example.com\",\"licenceNumber\":\"ABCDE\"}      | 422 | email must be an address",
            "missing licence     | {\"name\":\"A\",\"email\":\"a@example.com\"}                                  | 422 | licenceNumber is required",
            "short licence       | {\"name\":\"A\",\"email\":\"a@example.com\",\"licenceNumber\":\"AB12\"}       | 422 | licenceNumber must be 5-20 letters, digits or '-'",
    })
    default void badInputIsA4xxNamingTheProblemAndRegistersNothing(String name, String body, int status, String message) {
        int before = api().get("/api/customers").list().size();
        api().post("/api/customers", body.trim()).expectError(status, message);
        assertThat(api().get("/api/customers").list()).hasSize(before);
    }

    @Test
    default void everyProblemWithACustomerIsListedAtOnce() {
        JsonNode error = api().post("/api/customers", "{\"email\":\"nope\",\"licenceNumber\":\"x\"}").expectError(422, "3 problems");
        assertThat(error.get("errors")).hasSize(3);
        assertThat(error.get("errors").toString()).contains("name is required", "email must be an address", "licenceNumber must be 5-20");
    }

    @Test
    default void anEmptyCustomerBodyIs422() {
        api().post("/api/customers", "").expectError(422, "request body");
    }
}
