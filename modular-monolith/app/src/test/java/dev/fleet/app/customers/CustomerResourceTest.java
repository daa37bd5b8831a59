package dev.fleet.app.customers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.fleet.app.support.ApiAssertions.assertError;
import static dev.fleet.app.support.Monolith.api;
import static dev.fleet.app.support.Monolith.json;
import static org.assertj.core.api.Assertions.assertThat;

/** /api/customers end to end through the monolith. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CustomerResourceTest {

    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<FleetConfiguration> APP = Monolith.app(DB);


    @Test
    void listsTheSeededCustomersInRegistrationOrder() {
        JsonNode customers = api(APP, "/api/customers").request().get(JsonNode.class);
        assertThat(customers.findValuesAsText("name").subList(0, 3)).containsExactly("Ada Lovelace", "Alan Turing", "Grace Hopper");
    }

    @Test
    void readsASeededCustomer() {
        Response response = api(APP, "/api/customers/" + ADA).request().get();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(Monolith.parse(response.readEntity(String.class))).isEqualTo(Monolith.parse(
                "{\"id\":\"" + ADA + "\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"licenceNumber\":\"ADA-1815\"}"));
    }

    @Test
    void registersACustomerWithAServerIdAndNormalizedFields() {
        Response created = api(APP, "/api/customers").request().post(json(
                "{\"name\":\" Margaret Hamilton \",\"email\":\"Margaret@NASA.gov\",\"licenceNumber\":\"apollo-11\"}"));
        assertThat(created.getStatus()).isEqualTo(201);
        JsonNode customer = created.readEntity(JsonNode.class);
        String id = customer.get("id").asText();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(created.getLocation().getPath()).isEqualTo("/api/customers/" + id);
        assertThat(customer.get("name").asText()).isEqualTo("Margaret Hamilton");
        assertThat(customer.get("email").asText()).isEqualTo("margaret@nasa.gov");
        assertThat(customer.get("licenceNumber").asText()).isEqualTo("APOLLO-11");
        assertThat(api(APP, "/api/customers/" + id).request().get(JsonNode.class)).isEqualTo(customer);
        assertThat(api(APP, "/api/customers").request().get(JsonNode.class).findValuesAsText("id")).last().isEqualTo(id);
    }

    @Test
    void unknownCustomerIs404Json() {
        assertError(api(APP, "/api/customers/c0000000-0000-4000-8000-0000000000ff").request().get(), 404,
                "customer c0000000-0000-4000-8000-0000000000ff not found");
    }

    @Test
    void malformedPathIdIs400() {
        assertError(api(APP, "/api/customers/not-a-uuid").request().get(), 400, "customer id must be a UUID");
        assertError(api(APP, "/api/customers/1-2-3-4-5").request().get(), 400, "customer id must be a UUID");
    }

    @Test
    void duplicateEmailIs409NamingItAndWritesNothing() {
        int before = customerCount();
        assertError(api(APP, "/api/customers").request().post(json(
                "{\"name\":\"Impostor\",\"email\":\"ADA@example.com\",\"licenceNumber\":\"NEW-00001\"}")), 409, "email ada@example.com is already registered");
        assertError(api(APP, "/api/customers").request().post(json(
                "{\"name\":\"Impostor\",\"email\":\"new@example.com\",\"licenceNumber\":\"ada-1815\"}")), 409, "licenceNumber ADA-1815 is already registered");
        assertThat(customerCount()).isEqualTo(before);
        assertThat(api(APP, "/api/customers/" + ADA).request().get(JsonNode.class).get("name").asText()).isEqualTo("Ada Lovelace");
    }

    @Test
    void concurrentRegistrationsOfOneEmailCreateExactlyOneCustomer() throws Exception {
        int attempts = 6;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            List<Callable<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String body = "{\"name\":\"Racer\",\"email\":\"race@example.com\",\"licenceNumber\":\"RACE-0000" + i + "\"}";
                posts.add(() -> {
                    Response response = api(APP, "/api/customers").request().post(json(body));
                    response.close();
                    return response.getStatus();
                });
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(posts)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        int racers = DB.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM customers WHERE email = 'race@example.com'")
                .mapTo(Integer.class).one());
        assertThat(racers).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON        | {\"name\":\"A\",                                                        | 400 | malformed JSON",
            "name of wrong type    | {\"name\":{\"first\":\"A\"},\"email\":\"a@example.com\",\"licenceNumber\":\"ABCDE\"} | 400 | field 'name' must be a string",
            "email of wrong type   | {\"name\":\"A\",\"email\":[\"a@example.com\"],\"licenceNumber\":\"ABCDE\"} | 400 | field 'email' must be a string",
            "body is an array      | []                                                                       | 400 | request body must be a JSON object",
            "body is a string      | \"Ada\"                                                                  | 400 | request body must be a JSON object",
            "missing name          | {\"email\":\"a@example.com\",\"licenceNumber\":\"ABCDE\"}               | 422 | name is required",
            "blank name            | {\"name\":\"  \",\"email\":\"a@example.com\",\"licenceNumber\":\"ABCDE\"} | 422 | name is required",
            "overlong name         | {\"name\":\"NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN\",\"email\":\"a@example.com\",\"licenceNumber\":\"ABCDE\"} | 422 | name must be at most 100 characters",
            "missing email         | {\"name\":\"A\",\"licenceNumber\":\"ABCDE\"}                            | 422 | email is required",
            "blank email           | {\"name\":\"A\",\"email\":\"\",\"licenceNumber\":\"ABCDE\"}             | 422 | email is required",
            "email without @       | {\"name\":\"A\",\"email\":\"a.example.com\",\"licenceNumber\":\"ABCDE\"} | 422 | email must be an address",
            "email with two @      | {\"name\":\"A\",\"email\":\"a@b@example.com\",\"licenceNumber\":\"ABCDE\"} | 422 | email must be an address",
            "email without dot     | {\"name\":\"A\",\"email\":\"a@localhost\",\"licenceNumber\":\"ABCDE\"}  | 422 | email must be an address",
            "missing licence       | {\"name\":\"A\",\"email\":\"a@example.com\"}                            | 422 | licenceNumber is required",
            "short licence         | {\"name\":\"A\",\"email\":\"a@example.com\",\"licenceNumber\":\"AB12\"} | 422 | licenceNumber must be 5-20 letters, digits or '-'",
            "long licence          | {\"name\":\"A\",\"email\":\"a@example.com\",\"licenceNumber\":\"ABCDEFGHIJ1234567890X\"} | 422 | licenceNumber must be 5-20",
            "licence with spaces   | {\"name\":\"A\",\"email\":\"a@example.com\",\"licenceNumber\":\"AB 12 CD\"} | 422 | licenceNumber must be 5-20",
    })
    void badInputIsA4xxNamingTheProblemAndWritesNothing(String name, String body, int status, String message) {
        int before = customerCount();
        assertError(api(APP, "/api/customers").request().post(json(body.trim())), status, message);
        assertThat(customerCount()).isEqualTo(before);
    }

    @Test
    void everyProblemIsListedAtOnce() {
        int before = customerCount();
        JsonNode error = assertError(api(APP, "/api/customers").request().post(json("{\"email\":\"nope\",\"licenceNumber\":\"x\"}")), 422, "3 problems");
        assertThat(error.get("errors")).hasSize(3);
        assertThat(error.get("errors").toString()).contains("name is required", "email must be an address", "licenceNumber must be 5-20");
        assertThat(customerCount()).isEqualTo(before);
    }

    @Test
    void emptyBodyIs422() {
        int before = customerCount();
        assertError(api(APP, "/api/customers").request().post(json("")), 422, "request body");
        assertThat(customerCount()).isEqualTo(before);
    }

    private static int customerCount() {
        return DB.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM customers").mapTo(Integer.class).one());
    }
}
