package dev.fleet.contract.targets;

import dev.fleet.contract.ApiTarget;
import dev.fleet.contract.NotificationsContract;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * notification-service on its own, consuming reservation events from the test run's Kafka (embedded, or
 * FLEET_IT_KAFKA): the notifications contract, seeded by real events on its topic.
 */
@Tag("broker")
class NotificationServiceContractTest implements NotificationsContract {

    static final StackApp NOTIFICATIONS = StackApp.notificationService().withKafka();

    @RegisterExtension
    static final TestStack STACK = TestStack.of(NOTIFICATIONS);

    @Override
    public ApiTarget target() {
        return ApiTarget.of(NOTIFICATIONS.url()).withSeed(new ReservationEventSeed(NOTIFICATIONS));
    }
}
