package dev.fleet.app.remote;

import com.codahale.metrics.Meter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.app.support.Services;
import dev.fleet.brokers.TestKafka;
import dev.fleet.catalog.api.CarChanged;
import dev.fleet.platform.messaging.Envelope;
import dev.fleet.platform.messaging.kafka.KafkaSettings;
import dev.fleet.platform.messaging.kafka.KafkaTopics;
import dev.fleet.platform.outbox.OutboxMessage;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.catalog.CatalogServiceApplication;
import dev.fleet.services.catalog.CatalogServiceConfiguration;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.jackson.JacksonFeature;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.glassfish.jersey.client.ClientProperties;
import org.glassfish.jersey.client.HttpUrlConnectorProvider;
import org.glassfish.jersey.client.JerseyClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.fleet.app.support.Monolith.json;
import static dev.fleet.platform.testing.FleetAppExtension.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data moves with the code: the monolith (catalog local, the source of truth) publishes CarChanged to Kafka, and
 * catalog-service ({@code catalog.source: monolith}) keeps its copy equal through the bulk sync plus those events.
 * Both apps in this JVM on one Kafka (embedded, or FLEET_IT_KAFKA). The tests build on each other, in order.
 */
@Tag("broker")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogSyncTest {

    static final TestDatabase CATALOG_DB = TestDatabase.create();
    static final TestDatabase MONOLITH_DB = TestDatabase.create();
    static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase();

    static final DropwizardAppExtension<FleetConfiguration> MONOLITH = Monolith.app(MONOLITH_DB,
            ConfigOverride.config("kafka.bootstrapServers", TestKafka::bootstrapServers),
            ConfigOverride.config("outbox.pollInterval", "50ms"));

    static final DropwizardAppExtension<CatalogServiceConfiguration> CATALOG = Services.catalogService(CATALOG_DB,
            ConfigOverride.config("catalog-service", "catalog.source", "monolith"),
            ConfigOverride.config("catalog-service", "kafka.bootstrapServers", TestKafka::bootstrapServers));

    /** A long read timeout: the default test client (HttpURLConnection, 5 s) re-sends a POST that timed out. */
    static final Client HTTP = new JerseyClientBuilder().register(new JacksonFeature(Jackson.newObjectMapper()))
            .property(ClientProperties.CONNECT_TIMEOUT, 5_000).property(ClientProperties.READ_TIMEOUT, 60_000)
            .property(HttpUrlConnectorProvider.SET_METHOD_WORKAROUND, true).build();

    static final String EARLY = "SYNC-" + RUN + "-EARLY";

    @BeforeAll
    static void start() throws Exception {
        MONOLITH.before();
        // Changes made before catalog-service's copy exists: published, but the copy's consumer group will start
        // after them (as if they were made before the monolith had Kafka). Only the sync brings them over.
        create(EARLY, "Arona", "41.00");
        replace("MAD-SEAT-IBIZA-01", "{\"model\":\"Ibiza FR\",\"dailyRate\":33.00}");
        replace(EARLY, "{\"model\":\"Arona FR\"}");
        assertThat(monolith("/api/cars/BCN-FIAT-500-01").request().delete().getStatus()).isEqualTo(204);
        awaitAllPublished();
        startConsumerGroupAtTheEnd();
        CATALOG.before();
    }

    @AfterAll
    static void stop() {
        try {
            CATALOG.after();
        } finally {
            MONOLITH.after();
            CATALOG_DB.close();
            HTTP.close();
        }
    }

    @Test
    @Order(1)
    void theBulkSyncMakesTheCopyEqualInOneGo() throws Exception {
        assertThat(cars(CATALOG.getLocalPort())).as("before the sync").isNotEqualTo(cars(MONOLITH.getLocalPort()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(sync(out, err, "http://127.0.0.1:" + MONOLITH.getLocalPort())).as(err.toString()).isEmpty();

        assertThat(out.toString()).contains("copied 1, updated 1, removed 1");
        assertThat(cars(CATALOG.getLocalPort())).isEqualTo(cars(MONOLITH.getLocalPort()));
        JsonNode early = service("/api/cars/" + EARLY).request().get(JsonNode.class);
        assertThat(early.get("model").asText()).isEqualTo("Arona FR");
    }

    @Test
    @Order(2)
    void afterwardsEveryChangeThroughTheMonolithReachesTheCopy() throws Exception {
        for (int i = 0; i < 8; i++) {
            create(id(i), "Model " + i, (30 + i) + ".50");
        }
        for (int i = 0; i < 4; i++) {
            replace(id(i), "{\"model\":\"Model " + i + " bis\",\"dailyRate\":" + (40 + i) + "}");
        }
        for (int i = 4; i < 7; i++) {
            assertThat(monolith("/api/cars/" + id(i)).request().delete().getStatus()).isEqualTo(204);
        }
        create(id(5), "Model 5 again", "55.00"); // deleted, then created again
        replace("0345391802", "{\"dailyRate\":61.00}"); // a car only the sync copied
        assertThat(monolith("/api/cars/" + EARLY).request().delete().getStatus()).isEqualTo(204);

        awaitEqual();
        assertThat(service("/api/cars/" + id(5)).request().get(JsonNode.class).get("model").asText()).isEqualTo("Model 5 again");
        assertThat(service("/api/cars/" + id(4)).request().get().getStatus()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void aRedeliveredOrOldEventDoesNotRollACarBack() throws Exception {
        Meter consumed = CATALOG.getEnvironment().metrics().meter("kafka.consumer." + CatalogServiceApplication.GROUP + ".consumed");
        long before = consumed.getCount();
        Map<String, String> carsBefore = cars(CATALOG.getLocalPort());

        // the first change of id(0) (its create, since replaced), and EARLY's create: older than the sync, and EARLY
        // has been deleted since; plus the very last change of 0345391802 again (a plain duplicate)
        List<byte[]> again = List.of(firstEnvelopeOf(id(0)), firstEnvelopeOf(EARLY), lastEnvelopeOf("0345391802"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            List<String> keys = List.of(id(0), EARLY, "0345391802");
            for (int i = 0; i < again.size(); i++) {
                producer.send(new ProducerRecord<>(CarChanged.TOPIC, keys.get(i), again.get(i))).get(20, TimeUnit.SECONDS);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumed.getCount() < before + 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(consumed.getCount()).as("the three deliveries handled").isGreaterThanOrEqualTo(before + 3);

        assertThat(cars(CATALOG.getLocalPort())).isEqualTo(carsBefore).isEqualTo(cars(MONOLITH.getLocalPort()));
        assertThat(service("/api/cars/" + id(0)).request().get(JsonNode.class).get("model").asText()).isEqualTo("Model 0 bis");
        assertThat(service("/api/cars/" + EARLY).request().get().getStatus()).as("not brought back").isEqualTo(404);
    }

    @Test
    @Order(4)
    void aSyncFromAnUnreachableOrWrongUrlFailsNamingItAndChangesNothing() throws Exception {
        Map<String, String> carsBefore = cars(CATALOG.getLocalPort());
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(sync(new ByteArrayOutputStream(), err, "http://127.0.0.1:" + closed)).isPresent();
        assertThat(err.toString()).contains("sync failed: cannot reach http://127.0.0.1:" + closed + "/api/cars");

        err.reset();
        // the monolith's admin port has no /api/cars
        assertThat(sync(new ByteArrayOutputStream(), err, "http://127.0.0.1:" + MONOLITH.getAdminPort())).isPresent();
        assertThat(err.toString()).contains("sync failed: GET http://127.0.0.1:" + MONOLITH.getAdminPort() + "/api/cars answered 404");

        assertThat(cars(CATALOG.getLocalPort())).isEqualTo(carsBefore);
    }

    static String id(int i) {
        return "SYNC-" + RUN + "-" + i;
    }

    private static void create(String id, String model, String rate) {
        Response created = monolith("/api/cars").request().post(json("{\"id\":\"" + id + "\",\"manufacturer\":\"Seat\",\"model\":\""
                + model + "\",\"category\":\"COMPACT\",\"dailyRate\":" + rate + ",\"location\":\"MAD\"}"));
        assertThat(created.getStatus()).as(created.readEntity(String.class)).isEqualTo(201);
    }

    private static void replace(String id, String body) {
        Response replaced = monolith("/api/cars/" + id).request().put(json(body));
        assertThat(replaced.getStatus()).as(replaced.readEntity(String.class)).isEqualTo(200);
    }

    private static WebTarget monolith(String path) {
        return HTTP.target("http://127.0.0.1:" + MONOLITH.getLocalPort() + path);
    }

    private static WebTarget service(String path) {
        return HTTP.target("http://127.0.0.1:" + CATALOG.getLocalPort() + path);
    }

    /** GET /api/cars as id → the car's JSON, so a difference names the car. */
    private static Map<String, String> cars(int port) {
        JsonNode list = HTTP.target("http://127.0.0.1:" + port + "/api/cars").request().get(JsonNode.class);
        Map<String, String> cars = new HashMap<>();
        list.forEach(car -> cars.put(car.get("id").asText(), car.toString()));
        return cars;
    }

    private static void awaitEqual() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!cars(CATALOG.getLocalPort()).equals(cars(MONOLITH.getLocalPort())) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(cars(CATALOG.getLocalPort())).isEqualTo(cars(MONOLITH.getLocalPort()));
    }

    private static void awaitAllPublished() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String pending = "SELECT COUNT(*) FROM catalog_outbox WHERE sent_at IS NULL";
        while (count(MONOLITH_DB, pending) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(count(MONOLITH_DB, pending)).as("CarChanged still unpublished").isZero();
    }

    /** The copy's consumer group starts after everything on the topic so far (this run's early changes, older runs). */
    private static void startConsumerGroupAtTheEnd() throws Exception {
        KafkaTopics.ensure(new KafkaSettings(TestKafka.bootstrapServers()), List.of(CarChanged.TOPIC));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            var partitions = admin.describeTopics(List.of(CarChanged.TOPIC)).allTopicNames().get(20, TimeUnit.SECONDS)
                    .get(CarChanged.TOPIC).partitions().stream()
                    .collect(Collectors.toMap(p -> new TopicPartition(CarChanged.TOPIC, p.partition()), p -> OffsetSpec.latest()));
            Map<TopicPartition, OffsetAndMetadata> ends = admin.listOffsets(partitions).all().get(20, TimeUnit.SECONDS)
                    .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue().offset())));
            admin.alterConsumerGroupOffsets(CatalogServiceApplication.GROUP, ends).all().get(20, TimeUnit.SECONDS);
        }
    }

    private static byte[] firstEnvelopeOf(String carId) {
        return envelope(carId, "ASC");
    }

    private static byte[] lastEnvelopeOf(String carId) {
        return envelope(carId, "DESC");
    }

    /** An outbox row of the monolith, as the relay put it on Kafka. */
    private static byte[] envelope(String carId, String order) {
        ObjectMapper json = MONOLITH.getObjectMapper();
        OutboxMessage message = MONOLITH_DB.jdbi().withHandle(h -> h.createQuery(
                        "SELECT id, payload, created_at FROM catalog_outbox WHERE aggregate_id = :car ORDER BY seq " + order + " LIMIT 1")
                .bind("car", carId)
                .map((rs, ctx) -> new OutboxMessage(UUID.fromString(rs.getString("id")), carId, CarChanged.TYPE, CarChanged.TOPIC,
                        rs.getString("payload"), rs.getTimestamp("created_at").toInstant(), 0, null))
                .one());
        return Envelope.of(message, json).toBytes(json);
    }

    private static Optional<Throwable> sync(ByteArrayOutputStream out, ByteArrayOutputStream err, String from) throws IOException {
        return CatalogSyncRun.sync(CATALOG_DB, from, out, err);
    }

}
