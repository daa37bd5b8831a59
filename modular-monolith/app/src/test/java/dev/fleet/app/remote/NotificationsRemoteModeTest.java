package dev.fleet.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.netflix.hystrix.HystrixCommandKey;
import com.netflix.hystrix.HystrixCommandMetrics;
import dev.fleet.app.FleetConfiguration;
import dev.fleet.app.support.Monolith;
import dev.fleet.brokers.TestKafka;
import dev.fleet.platform.testing.TestDatabase;
import dev.fleet.services.notification.NotificationServiceApplication;
import dev.fleet.services.notification.NotificationServiceConfiguration;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.fleet.app.remote.ServiceNextToMonolith.ADA;
import static dev.fleet.app.remote.ServiceNextToMonolith.assertSameClientError;
import static dev.fleet.app.remote.ServiceNextToMonolith.awaitFailuresCounted;
import static dev.fleet.app.remote.ServiceNextToMonolith.get;
import static dev.fleet.app.remote.ServiceNextToMonolith.reserve;
import static dev.fleet.app.remote.ServiceNextToMonolith.service;
import static dev.fleet.app.support.Monolith.api;
import static dev.fleet.app.support.Monolith.parse;
import static dev.fleet.platform.testing.FleetAppExtension.awaitCount;
import static dev.fleet.platform.testing.FleetAppExtension.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monolith in notifications remote mode next to a real notification-service (same JVM, same Kafka): the monolith
 * only publishes reservation events, notification-service alone is consumer group {@code notifications} and keeps the
 * notifications, and the monolith's /api/notifications answers through RemoteNotifications — 503 with Retry-After
 * while notification-service is gone.
 */
@Tag("broker")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationsRemoteModeTest {

    static final String CAR = "LIS-OPEL-ASTRA-01";
    static final String GROUP = "notifications";
    static final String CONSUMER = "kafka.consumer." + GROUP;

    static final TestDatabase NOTIFICATIONS_DB = TestDatabase.create();
    static final TestDatabase MONOLITH_DB = TestDatabase.create();

    static final DropwizardAppExtension<NotificationServiceConfiguration> NOTIFICATIONS = service(
            NotificationServiceApplication.class, "notification-service", NOTIFICATIONS_DB,
            ConfigOverride.config("notification-service", "kafka.bootstrapServers", TestKafka::bootstrapServers));

    static final DropwizardAppExtension<FleetConfiguration> MONOLITH = Monolith.app(MONOLITH_DB,
            ConfigOverride.config("notifications.mode", "remote"),
            ConfigOverride.config("kafka.bootstrapServers", TestKafka::bootstrapServers),
            ConfigOverride.config("outbox.pollInterval", "50ms"),
            // the port is known once notification-service runs (it starts first)
            ConfigOverride.config("remote.services.notifications", () -> "http://127.0.0.1:" + NOTIFICATIONS.getLocalPort()));

    @BeforeAll
    static void start() throws Exception {
        NOTIFICATIONS.before();
        MONOLITH.before();
    }

    @AfterAll
    static void stop() {
        try {
            MONOLITH.after();
        } finally {
            NOTIFICATIONS.after();
            NOTIFICATIONS_DB.close();
        }
    }

    @Test
    @Order(1)
    void aReservationIsNotifiedOnceByNotificationServiceAndTheMonolithServesItThroughTheAdapter() throws Exception {
        String id = reserve(MONOLITH, CAR, 30);

        awaitCount(NOTIFICATIONS_DB, "the confirmation in notification-service's database", 1,
                "SELECT COUNT(*) FROM notifications WHERE reservation_id = ? AND type = 'RESERVATION_CONFIRMED'", id);
        assertThat(count(MONOLITH_DB, "SELECT COUNT(*) FROM notifications")).as("the monolith notifies nobody").isZero();

        // through Kafka: the monolith published the event, notification-service alone is the consumer group
        assertThat(membersOfTheNotificationsGroup()).isEqualTo(1);
        assertThat(MONOLITH.getEnvironment().healthChecks().getNames()).doesNotContain(CONSUMER);
        assertThat(NOTIFICATIONS.getEnvironment().healthChecks().getNames()).contains(CONSUMER);
        assertThat(MONOLITH.getEnvironment().metrics().meter("kafka.published").getCount()).isPositive();

        // one API whatever the mode: the monolith's /api/notifications answers what notification-service has
        JsonNode throughMonolith = notificationsOf(get(MONOLITH, "/api/notifications", "customerId", ADA), id);
        JsonNode fromService = notificationsOf(get(NOTIFICATIONS, "/api/notifications", "customerId", ADA), id);
        assertThat(throughMonolith).isEqualTo(fromService).hasSize(1);
        assertThat(throughMonolith.get(0).get("type").asText()).isEqualTo("RESERVATION_CONFIRMED");
        assertThat(throughMonolith.get(0).get("customerId").asText()).isEqualTo(ADA);

        HystrixCommandMetrics notificationsFor = HystrixCommandMetrics.getInstance(HystrixCommandKey.Factory.asKey("notificationsFor"));
        assertThat(notificationsFor).as("the read ran as Hystrix command notificationsFor").isNotNull();
        assertThat(notificationsFor.getCommandGroup().name()).isEqualTo("notifications");
        assertThat(notificationsFor.getThreadPoolKey().name()).isEqualTo("notifications");

        // the cancellation travels the same way
        assertThat(api(MONOLITH, "/api/reservations/" + id).request().delete().getStatus()).isEqualTo(200);
        awaitCount(NOTIFICATIONS_DB, "the cancellation in notification-service's database", 1,
                "SELECT COUNT(*) FROM notifications WHERE reservation_id = ? AND type = 'RESERVATION_CANCELLED'", id);
        assertThat(notificationsOf(get(MONOLITH, "/api/notifications", "customerId", ADA), id)).hasSize(2);
        assertThat(count(NOTIFICATIONS_DB, "SELECT COUNT(*) FROM notifications WHERE reservation_id = ?", id)).as("still exactly two").isEqualTo(2);
        assertThat(count(MONOLITH_DB, "SELECT COUNT(*) FROM notifications")).isZero();
    }

    @Test
    @Order(2)
    void aBadCustomerIdGetsTheSameClientErrorAsInLocalMode() throws Exception {
        // notification-service runs the notifications module: its answer is the module's in-process (local mode) answer
        for (String bad : Arrays.asList(null, "", "   ", "bad id!", "x".repeat(37), "{x}", "a&b=c", "50%", "a+b", "ü")) {
            assertSameClientError(get(MONOLITH, "/api/notifications", "customerId", bad),
                    get(NOTIFICATIONS, "/api/notifications", "customerId", bad), "customerId=" + bad);
        }
        HttpResponse<String> missing = get(MONOLITH, "/api/notifications", "customerId", null);
        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(parse(missing.body())).isEqualTo(parse(
                "{\"code\":422,\"message\":\"customerId is required\",\"errors\":[\"customerId is required\"]}"));
    }

    @Test
    @Order(3)
    void withNotificationServiceGoneNotificationsAre503WithRetryAfterAndEventsWaitInKafka() throws Exception {
        NOTIFICATIONS.getTestSupport().after(); // gone (this also resets the JVM-global Hystrix state)

        HttpResponse<String> unavailable = get(MONOLITH, "/api/notifications", "customerId", ADA);
        assertThat(unavailable.statusCode()).as(unavailable.body()).isEqualTo(503);
        assertThat(unavailable.headers().firstValue("Retry-After")).contains("5");
        assertThat(unavailable.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(parse(unavailable.body())).isEqualTo(parse("{\"code\":503,\"message\":\"notifications is unavailable, retry after 5 s\"}"));
        awaitFailuresCounted("notificationsFor", "notifications");

        // reserving does not need notification-service: the event is published and waits in Kafka
        String id = reserve(MONOLITH, CAR, 60);
        awaitCount(MONOLITH_DB, "the event published to Kafka", 1, "SELECT COUNT(*) FROM reservation_outbox"
                + " WHERE aggregate_id = ? AND type = 'ReservationCreated' AND sent_at IS NOT NULL", id);
        assertThat(count(NOTIFICATIONS_DB, "SELECT COUNT(*) FROM notifications WHERE reservation_id = ?", id)).isZero();

        NOTIFICATIONS.getTestSupport().before(); // back (on new ports): the group resumes from its committed offset
        awaitCount(NOTIFICATIONS_DB, "the notification once notification-service is back", 1,
                "SELECT COUNT(*) FROM notifications WHERE reservation_id = ?", id);
        assertThat(count(MONOLITH_DB, "SELECT COUNT(*) FROM notifications")).isZero();
    }

    /** The customer's notifications of one reservation (other tests' events on the shared broker may add others). */
    private static JsonNode notificationsOf(HttpResponse<String> response, String reservationId) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Fleet-Degraded")).isEmpty();
        List<JsonNode> matching = new ArrayList<>();
        parse(response.body()).forEach(notification -> {
            if (notification.get("reservationId").asText().equals(reservationId)) {
                matching.add(notification);
            }
        });
        return Monolith.parse(matching.toString());
    }

    /** How many members consumer group {@code notifications} has, as the broker sees it. */
    private static int membersOfTheNotificationsGroup() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            return admin.describeConsumerGroups(List.of(GROUP)).all().get(15, TimeUnit.SECONDS).get(GROUP).members().size();
        }
    }
}
