package dev.fleet.services.notification;

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

/** notification-service with its real config.yml and no broker: the notifications API from its own database. */
@ExtendWith(DropwizardExtensionsSupport.class)
class NotificationServiceTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<NotificationServiceConfiguration> APP =
            FleetAppExtension.app(NotificationServiceApplication.class, DB);

    @Test
    void itsDatabaseHoldsOnlyTheNotificationsTables() {
        assertThat(tableExists(DB, "notifications")).isTrue();
        assertThat(tableExists(DB, "notification_processed_messages")).isTrue();
        assertThat(tableExists(DB, "reservations")).as("another module's table").isFalse();
        assertThat(tableExists(DB, "invoices")).as("another module's table").isFalse();
    }

    @Test
    void withoutABrokerItConsumesNothing() {
        assertThat(APP.getEnvironment().healthChecks().getNames()).noneMatch(name -> name.startsWith("kafka"));
        assertThat(APP.getConfiguration().getKafka().getBootstrapServers()).isEqualTo("none");
    }

    @Test
    void answersTheNotificationsQuery() {
        JsonNode notifications = api(APP, "/api/notifications").queryParam("customerId", "CUST-NONE").request().get(JsonNode.class);
        assertThat(notifications.isArray()).isTrue();
        assertThat(notifications).isEmpty();
    }

    @Test
    void aMissingOrMalformedCustomerIdIs422Json() {
        assertError(api(APP, "/api/notifications").request().get(), 422, "customerId is required");
        assertError(api(APP, "/api/notifications").queryParam("customerId", "bad id!").request().get(), 422, "customerId");
    }

    @Test
    void adminServesTheHystrixStreamAndTheFaultTask() throws Exception {
        assertChassisAdmin(APP);
    }
}
