package dev.fleet.services.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.platform.testing.FleetAppExtension;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.fleet.platform.testing.FleetAppExtension.api;
import static dev.fleet.platform.testing.FleetAppExtension.assertChassisAdmin;
import static dev.fleet.platform.testing.FleetAppExtension.assertError;
import static dev.fleet.platform.testing.FleetAppExtension.tableExists;
import static org.assertj.core.api.Assertions.assertThat;

/** billing-service with its real config.yml and no broker: the invoices API from its own database. */
@ExtendWith(DropwizardExtensionsSupport.class)
class BillingServiceTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<BillingServiceConfiguration> APP = FleetAppExtension.app(BillingServiceApplication.class, DB);

    @Test
    void itsDatabaseHoldsOnlyBillingsTables() {
        assertThat(tableExists(DB, "invoices")).isTrue();
        assertThat(tableExists(DB, "billing_processed_messages")).isTrue();
        assertThat(tableExists(DB, "reservations")).as("another module's table").isFalse();
        assertThat(tableExists(DB, "cars")).as("another module's table").isFalse();
    }

    @Test
    void withoutABrokerItConsumesNothing() {
        assertThat(APP.getEnvironment().metrics().getMeters()).doesNotContainKey("amqp.fleet.billing.charges.consumed");
        assertThat(APP.getConfiguration().getAmqp().getUri()).isEqualTo("none");
    }

    @Test
    void answersTheInvoicesQuery() {
        JsonNode invoices = api(APP, "/api/invoices").queryParam("reservationId", "R-NONE").request().get(JsonNode.class);
        assertThat(invoices.isArray()).isTrue();
        assertThat(invoices).isEmpty();
    }

    @Test
    void aMissingOrMalformedReservationIdIs422Json() {
        assertError(api(APP, "/api/invoices").request().get(), 422, "reservationId is required");
        assertError(api(APP, "/api/invoices").queryParam("reservationId", "bad id!").request().get(), 422, "reservationId");
    }

    @Test
    void adminServesTheHystrixStreamAndTheFaultTask() throws Exception {
        assertChassisAdmin(APP);
    }
}
