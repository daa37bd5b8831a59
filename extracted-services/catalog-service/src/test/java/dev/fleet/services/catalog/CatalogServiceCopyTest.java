package dev.fleet.services.catalog;

import com.codahale.metrics.Meter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.brokers.TestKafka;
import dev.fleet.catalog.api.Car;
import dev.fleet.catalog.api.CarCategory;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.outbox.OutboxMessage;
import dev.fleet.platform.testing.FleetAppExtension;
import dev.fleet.platform.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.fleet.platform.testing.FleetAppExtension.api;
import static dev.fleet.platform.testing.FleetAppExtension.assertError;
import static dev.fleet.platform.testing.FleetAppExtension.json;
import static org.assertj.core.api.Assertions.assertThat;

/** catalog-service as a read-only copy ({@code catalog.source: monolith}) fed by CarChanged events from Kafka. */
@Tag("broker")
@ExtendWith(DropwizardExtensionsSupport.class)
class CatalogServiceCopyTest {

    static final TestDatabase DB = TestDatabase.create();
    static final DropwizardAppExtension<CatalogServiceConfiguration> APP =
            FleetAppExtension.app(CatalogServiceApplication.class, DB,
                    ConfigOverride.config("catalog.source", "monolith"),
                    ConfigOverride.config("kafka.bootstrapServers", TestKafka::bootstrapServers));
    static final KafkaProducer<String, byte[]> PRODUCER = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new ByteArraySerializer());

    @AfterAll
    static void closeProducer() {
        PRODUCER.close();
    }

    static Car car(String id, String model, String rate) {
        return new Car(id, "Cupra", model, CarCategory.COMPACT, new BigDecimal(rate), "BCN");
    }

    @Test
    void appliesNewerChangesAndSkipsDuplicatesAndOlderOnes() throws Exception {
        Meter consumed = APP.getEnvironment().metrics().meter("kafka.consumer." + CatalogServiceApplication.GROUP + ".consumed");
        long before = consumed.getCount();

        publish(CarChanged.upserted(car("COPY-1", "Born", "49.00"), 100));
        publish(CarChanged.upserted(car("COPY-1", "Born VZ", "55.00"), 105));
        publish(CarChanged.upserted(car("COPY-1", "Born VZ", "55.00"), 105)); // a redelivery
        publish(CarChanged.upserted(car("COPY-1", "Born", "49.00"), 100));    // an old one, again
        publish(CarChanged.deleted("0000000000", 101));
        publish(CarChanged.upserted(new Car("0000000000", "Porsche", "Carrera", CarCategory.SPORTS, new BigDecimal("189.00"), "MAD"), 90));
        awaitConsumed(consumed, before + 6);

        JsonNode copy = api(APP, "/api/cars/COPY-1").request().get(JsonNode.class);
        assertThat(copy.get("model").asText()).isEqualTo("Born VZ");
        assertThat(copy.get("dailyRate").decimalValue()).isEqualByComparingTo("55.00");
        assertError(api(APP, "/api/cars/0000000000").request().get(), 404, "not found"); // not brought back
    }

    @Test
    void refusesWritesNamingTheSourceOfTruth() {
        assertError(api(APP, "/api/cars").request().post(json("{\"id\":\"COPY-W\",\"manufacturer\":\"A\",\"model\":\"B\"}")),
                409, "read-only copy of the monolith's");
        assertError(api(APP, "/api/cars/0345391802").request().put(json("{\"model\":\"B\"}")), 409, "through the monolith");
        assertError(api(APP, "/api/cars/0345391802").request().delete(), 409, "catalog.source: monolith");
        assertThat(api(APP, "/api/cars/0345391802").request().get().getStatus()).isEqualTo(200);
        assertThat(api(APP, "/api/cars/COPY-W").request().get().getStatus()).isEqualTo(404);
    }

    private static void publish(CarChanged event) throws Exception {
        ObjectMapper json = APP.getObjectMapper();
        byte[] body = Envelope.of(OutboxMessage.of(event.carId(), CarChanged.TYPE, CarChanged.TOPIC,
                json.writeValueAsString(event), Instant.now()), json).toBytes(json);
        PRODUCER.send(new ProducerRecord<>(CarChanged.TOPIC, event.carId(), body)).get(20, TimeUnit.SECONDS);
    }

    private static void awaitConsumed(Meter consumed, long count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumed.getCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(consumed.getCount()).as("events handled").isGreaterThanOrEqualTo(count);
    }
}
