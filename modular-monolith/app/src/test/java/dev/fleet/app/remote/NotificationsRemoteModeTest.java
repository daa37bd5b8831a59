package dev.fleet.app.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fleet.app.support.Monolith;
import dev.fleet.app.support.ServiceNextToMonolith;
import dev.fleet.brokers.TestKafka;
import dev.fleet.services.notification.NotificationServiceApplication;
import dev.fleet.services.notification.NotificationServiceConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.fleet.app.support.ApiAssertions.assertUnavailable;
import static dev.fleet.app.support.ServiceNextToMonolith.ADA;
import static dev.fleet.app.support.ServiceNextToMonolith.assertRanAsCommandOf;
import static dev.fleet.app.support.ServiceNextToMonolith.awaitFailuresCounted;
import static dev.fleet.app.support.ServiceNextToMonolith.get;
import static dev.fleet.app.support.ServiceNextToMonolith.reserve;
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

    // notification-service and the monolith (notifications remote) on one Kafka
    @RegisterExtension
    static final ServiceNextToMonolith<NotificationServiceConfiguration> APPS = ServiceNextToMonolith.onOneBroker(
            NotificationServiceApplication.class, "notification-service", "notifications",
            "kafka.bootstrapServers", TestKafka::bootstrapServers);

    @Test
    @Order(1)
    void aReservationIsNotifiedOnceByNotificationServiceAndTheMonolithServesItThroughTheAdapter() throws Exception {
        String id = reserve(APPS.monolith, CAR, 30);

        awaitCount(APPS.serviceDb, "the confirmation in notification-service's database", 1,
                "SELECT COUNT(*) FROM notifications WHERE reservation_id = ? AND type = 'RESERVATION_CONFIRMED'", id);
        assertThat(count(APPS.monolithDb, "SELECT COUNT(*) FROM notifications")).as("the monolith notifies nobody").isZero();

        // through Kafka: the monolith published the event, notification-service alone is the consumer group
        assertThat(membersOfTheNotificationsGroup()).isEqualTo(1);
        assertThat(APPS.monolith.getEnvironment().healthChecks().getNames()).doesNotContain(CONSUMER);
        assertThat(APPS.service.getEnvironment().healthChecks().getNames()).contains(CONSUMER);
        assertThat(APPS.monolith.getEnvironment().metrics().meter("kafka.published").getCount()).isPositive();

        // one API whatever the mode: the monolith's /api/notifications answers what notification-service has
        JsonNode throughMonolith = notificationsOf(get(APPS.monolith, "/api/notifications", "customerId", ADA), id);
        JsonNode fromService = notificationsOf(get(APPS.service, "/api/notifications", "customerId", ADA), id);
        assertThat(throughMonolith).isEqualTo(fromService).hasSize(1);
        assertThat(throughMonolith.get(0).get("type").asText()).isEqualTo("RESERVATION_CONFIRMED");
        assertThat(throughMonolith.get(0).get("customerId").asText()).isEqualTo(ADA);

        assertRanAsCommandOf("notificationsFor", "notifications");

        // the cancellation travels the same way
        assertThat(api(APPS.monolith, "/api/reservations/" + id).request().delete().getStatus()).isEqualTo(200);
        awaitCount(APPS.serviceDb, "the cancellation in notification-service's database", 1,
                "SELECT COUNT(*) FROM notifications WHERE reservation_id = ? AND type = 'RESERVATION_CANCELLED'", id);
        assertThat(notificationsOf(get(APPS.monolith, "/api/notifications", "customerId", ADA), id)).hasSize(2);
        assertThat(count(APPS.serviceDb, "SELECT COUNT(*) FROM notifications WHERE reservation_id = ?", id)).as("still exactly two").isEqualTo(2);
        assertThat(count(APPS.monolithDb, "SELECT COUNT(*) FROM notifications")).isZero();
    }

    @Test
    @Order(2)
    void aBadCustomerIdGetsTheSameClientErrorAsInLocalMode() throws Exception {
        // notification-service runs the notifications module: its answer is the module's in-process (local mode) answer
        APPS.assertBadValuesAnsweredAsTheServiceDoes("/api/notifications", "customerId");
    }

    @Test
    @Order(3)
    void withNotificationServiceGoneNotificationsAre503WithRetryAfterAndEventsWaitInKafka() throws Exception {
        APPS.service.getTestSupport().after(); // gone (this also resets the JVM-global Hystrix state)

        assertUnavailable(get(APPS.monolith, "/api/notifications", "customerId", ADA), "notifications");
        awaitFailuresCounted("notificationsFor", "notifications");

        // reserving does not need notification-service: the event is published and waits in Kafka
        String id = reserve(APPS.monolith, CAR, 60);
        awaitCount(APPS.monolithDb, "the event published to Kafka", 1, "SELECT COUNT(*) FROM reservation_outbox"
                + " WHERE aggregate_id = ? AND type = 'ReservationCreated' AND sent_at IS NOT NULL", id);
        assertThat(count(APPS.serviceDb, "SELECT COUNT(*) FROM notifications WHERE reservation_id = ?", id)).isZero();

        APPS.service.getTestSupport().before(); // back (on new ports): the group resumes from its committed offset
        awaitCount(APPS.serviceDb, "the notification once notification-service is back", 1,
                "SELECT COUNT(*) FROM notifications WHERE reservation_id = ?", id);
        assertThat(count(APPS.monolithDb, "SELECT COUNT(*) FROM notifications")).isZero();
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
