package dev.fleet.app.reservations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static dev.fleet.app.reservations.Flow.ADA;
import static dev.fleet.app.reservations.Flow.await;
import static dev.fleet.app.reservations.Flow.body;
import static dev.fleet.app.reservations.Flow.count;
import static dev.fleet.app.reservations.Flow.created;
import static dev.fleet.app.reservations.Flow.inDays;
import static org.assertj.core.api.Assertions.assertThat;

/** The relay in the running monolith: billing fails for a while, the charge waits and is delivered later. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OutboxDeliveryTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<FleetConfiguration> APP = Monolith.app(DB,
            ConfigOverride.config("outbox.pollInterval", "50ms"),
            ConfigOverride.config("outbox.initialBackoff", "100ms"),
            ConfigOverride.config("outbox.maxBackoff", "200ms"));


    @Test
    void aChargeThatFailsStaysPendingAndIsDeliveredWhenBillingRecovers() throws Exception {
        // Billing breaks: its table is gone, so the handler throws on every attempt.
        DB.jdbi().useHandle(h -> h.execute("ALTER TABLE invoices RENAME TO invoices_away"));
        String id;
        try {
            id = created(APP, body(ADA, "LIS-OPEL-ASTRA-01", inDays(5), inDays(8))).get("id").asText();
            String charge = "SELECT COUNT(*) FROM reservation_outbox WHERE aggregate_id = ? AND type = 'ChargeRequested'";
            await("the charge has failed twice", () -> count(DB, charge + " AND attempts >= 2 AND last_error IS NOT NULL AND sent_at IS NULL", id) == 1);
            // the event before it in the same aggregate went through
            await("the confirmation is sent", () -> count(DB, "SELECT COUNT(*) FROM notifications WHERE reservation_id = ?", id) == 1);
            JsonNode health = APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck").request()
                    .get().readEntity(JsonNode.class);
            assertThat(health.get("outbox.reservation_outbox").get("message").asText()).contains("1 messages pending");
        } finally {
            DB.jdbi().useHandle(h -> h.execute("ALTER TABLE invoices_away RENAME TO invoices"));
        }

        await("the invoice is issued", () -> count(DB, "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", id) == 1);
        await("the outbox is drained", () -> count(DB, "SELECT COUNT(*) FROM reservation_outbox WHERE sent_at IS NULL") == 0);
        assertThat(count(DB, "SELECT COUNT(*) FROM invoices WHERE reservation_id = ?", id)).isEqualTo(1);
    }
}
