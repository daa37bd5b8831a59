package dev.fleet.services.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.fleet.platform.testing.FleetAppExtension.api;
import static dev.fleet.platform.testing.FleetAppExtension.assertChassisAdmin;
import static dev.fleet.platform.testing.FleetAppExtension.assertError;
import static dev.fleet.platform.testing.FleetAppExtension.count;
import static dev.fleet.platform.testing.FleetAppExtension.json;
import static dev.fleet.platform.testing.FleetAppExtension.parse;
import static dev.fleet.platform.testing.FleetAppExtension.tableExists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** catalog-service with its real config.yml: the cars API from its own database, and only the catalog's tables. */
@ExtendWith(DropwizardExtensionsSupport.class)
class CatalogServiceTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<CatalogServiceConfiguration> APP =
            dev.fleet.platform.testing.FleetAppExtension.app(CatalogServiceApplication.class, DB);

    @Test
    void itsDatabaseHoldsOnlyTheCatalogsTables() {
        assertThat(tableExists(DB, "cars")).isTrue();
        assertThat(tableExists(DB, "customers")).as("another module's table").isFalse();
        assertThat(tableExists(DB, "reservations")).as("another module's table").isFalse();
        assertThat(tableExists(DB, "invoices")).as("another module's table").isFalse();
    }

    @Test
    void listsTheSeededFleet() {
        JsonNode cars = api(APP, "/api/cars").request().get(JsonNode.class);
        assertThat(cars.size()).isGreaterThanOrEqualTo(20);
        assertThat(cars.findValuesAsText("id")).contains("0345391802", "0000000000");
        String galaxy = api(APP, "/api/cars/0345391802").request().get(String.class);
        assertThat(galaxy).contains("\"manufacturer\":\"Ford\"", "\"dailyRate\":59.00");
    }

    @Test
    void readingABadOrUnknownIdIs4xxJson() {
        assertError(api(APP, "/api/cars/bad%20id%21").request().get(), 400, "car id must be");
        assertError(api(APP, "/api/cars/NO-SUCH-CAR").request().get(), 404, "car NO-SUCH-CAR not found");
    }

    @Test
    void createsReplacesAndDeletesACar() {
        Response created = api(APP, "/api/cars").request().post(json(
                "{\"id\":\"SVC-1\",\"manufacturer\":\"Renault\",\"model\":\"Zoe\",\"category\":\"COMPACT\",\"dailyRate\":39.5,\"location\":\"BCN\"}"));
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat(created.readEntity(String.class)).contains("\"dailyRate\":39.50");

        Response replaced = api(APP, "/api/cars/SVC-1").request().put(json(
                "{\"manufacturer\":\"Renault\",\"model\":\"Zoe E-Tech\",\"dailyRate\":41.00}"));
        assertThat(replaced.getStatus()).isEqualTo(200);
        assertThat(parse(api(APP, "/api/cars/SVC-1").request().get(String.class)).get("model").asText()).isEqualTo("Zoe E-Tech");

        assertThat(api(APP, "/api/cars/SVC-1").request().delete().getStatus()).isEqualTo(204);
        assertThat(count(DB, "SELECT COUNT(*) FROM cars WHERE id = ?", "SVC-1")).isZero();
    }

    @Test
    void badCreateIs4xxJsonAndWritesNothing() {
        assertError(api(APP, "/api/cars").request().post(json("{\"id\":\"SVC-BAD\",\"manufacturer\":")), 400, "");
        JsonNode error = assertError(api(APP, "/api/cars").request().post(json("{\"id\":\"SVC-BAD\",\"dailyRate\":-1}")), 422, "problems");
        assertThat(error.get("errors").toString()).contains("manufacturer", "dailyRate");
        assertError(api(APP, "/api/cars").request().post(json("{\"id\":\"0345391802\",\"manufacturer\":\"Fake\",\"model\":\"Car\"}")),
                409, "car 0345391802 already exists");
        assertThat(count(DB, "SELECT COUNT(*) FROM cars WHERE id = ?", "SVC-BAD")).isZero();
    }

    @Test
    void badReplaceIs4xxJsonAndChangesNothing() {
        assertError(api(APP, "/api/cars/0000000000").request().put(json("{\"dailyRate\":0}")), 422, "dailyRate");
        assertError(api(APP, "/api/cars/SVC-GHOST").request().put(json("{\"manufacturer\":\"A\",\"model\":\"B\"}")), 404, "not found");
        assertThat(count(DB, "SELECT COUNT(*) FROM cars WHERE id = ? AND daily_rate > 0", "0000000000")).isEqualTo(1);
    }

    @Test
    void badDeleteIs4xxJson() {
        assertError(api(APP, "/api/cars/" + "x".repeat(37)).request().delete(), 400, "car id must be");
        assertError(api(APP, "/api/cars/SVC-GHOST").request().delete(), 404, "not found");
    }

    @Test
    void aCopyOfTheMonolithsCatalogWithoutKafkaFailsStartupSayingWhatToSet() {
        DropwizardTestSupport<CatalogServiceConfiguration> copy = new DropwizardTestSupport<>(CatalogServiceApplication.class,
                "config.yml", "copy", ConfigOverride.config("copy", "catalog.source", "monolith"),
                ConfigOverride.config("copy", "server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("copy", "server.adminConnectors[0].port", "0"));
        assertThatThrownBy(copy::before).hasMessageContaining("catalog.source is monolith")
                .hasMessageContaining("FLEET_KAFKA_BOOTSTRAP");
    }

    @Test
    void anUnknownCatalogSourceFailsStartupNamingTheAcceptedValues() {
        DropwizardTestSupport<CatalogServiceConfiguration> bad = new DropwizardTestSupport<>(CatalogServiceApplication.class,
                "config.yml", "bad-source", ConfigOverride.config("bad-source", "catalog.source", "elsewhere"));
        assertThatThrownBy(bad::before).hasMessageContaining("catalog.source").hasMessageContaining("elsewhere")
                .hasMessageContaining("self").hasMessageContaining("monolith");
    }

    @Test
    void adminServesTheHystrixStreamAndTheFaultTask() throws Exception {
        assertChassisAdmin(APP);
    }
}
