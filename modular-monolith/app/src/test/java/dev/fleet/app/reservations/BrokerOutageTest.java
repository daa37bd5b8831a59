package dev.fleet.app.reservations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.brokers.EmbeddedAmqp;
import dev.fleet.brokers.EmbeddedKafka;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.fleet.app.reservations.Flow.ADA;
import static dev.fleet.app.reservations.Flow.await;
import static dev.fleet.app.reservations.Flow.body;
import static dev.fleet.app.reservations.Flow.count;
import static dev.fleet.app.reservations.Flow.inDays;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both brokers down for a while: reservations keep succeeding, the outbox grows and its health check warns,
 * and the backlog drains once the brokers are back. Uses brokers of its own (it has to stop them), embedded
 * even when CI provides real ones.
 */
@Tag("broker")
@ExtendWith(DropwizardExtensionsSupport.class)
class BrokerOutageTest {

    static final EmbeddedKafka KAFKA = new EmbeddedKafka(0, tempDir("kafka"), Map.of());
    static final EmbeddedAmqp AMQP = new EmbeddedAmqp(0, tempDir("amqp"));

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<FleetConfiguration> APP = Monolith.app(DB,
            ConfigOverride.config("kafka.bootstrapServers", () -> start(KAFKA).bootstrapServers()),
            ConfigOverride.config("amqp.uri", () -> start(AMQP).uri().toString()),
            ConfigOverride.config("outbox.pollInterval", "50ms"),
            ConfigOverride.config("outbox.initialBackoff", "100ms"),
            ConfigOverride.config("outbox.maxBackoff", "500ms"),
            ConfigOverride.config("outbox.backlogThreshold", "5"));

    @AfterAll
    static void stopBrokers() {
        KAFKA.stop();
        AMQP.stop();
    }

    @Test
    void reservationsSucceedWhileTheBrokersAreDownAndTheBacklogDrainsWhenTheyReturn() throws Exception {
        KAFKA.shutdown(); // keeps its data and port
        AMQP.stop();      // a given data directory outlives stop()

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(Flow.created(APP, body(ADA, "MAD-SEAT-IBIZA-01", inDays(10 + 3 * i), inDays(12 + 3 * i))).get("id").asText());
        }
        assertThat(count(DB, "SELECT COUNT(*) FROM reservation_outbox WHERE sent_at IS NULL")).as("the outbox grows").isEqualTo(20);
        JsonNode outbox = health().get("outbox.reservation_outbox");
        assertThat(outbox.get("healthy").asBoolean()).isFalse();
        assertThat(outbox.get("message").asText()).contains("20 messages pending");
        assertThat(count(DB, "SELECT COUNT(*) FROM invoices")).isZero();

        KAFKA.start();
        AMQP.start();

        await("the backlog drains", () -> count(DB, "SELECT COUNT(*) FROM reservation_outbox WHERE sent_at IS NULL") == 0);
        await("every reservation is invoiced", () -> count(DB, "SELECT COUNT(*) FROM invoices") == ids.size());
        await("every reservation is notified", () -> count(DB, "SELECT COUNT(*) FROM notifications") == ids.size());
        assertThat(health().get("outbox.reservation_outbox").get("healthy").asBoolean()).isTrue();
    }

    private static JsonNode health() {
        return APP.client().target("http://127.0.0.1:" + APP.getAdminPort() + "/healthcheck").request().get().readEntity(JsonNode.class);
    }

    private static <T extends io.dropwizard.lifecycle.Managed> T start(T broker) {
        try {
            broker.start();
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("could not start " + broker, e);
        }
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("fleet-outage-" + name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
