package dev.fleet.contract.targets;

import dev.fleet.contract.ApiTarget;
import dev.fleet.contract.CarsContract;
import dev.fleet.contract.CustomersContract;
import dev.fleet.contract.InvoicesContract;
import dev.fleet.contract.NotificationsContract;
import dev.fleet.contract.QuotesContract;
import dev.fleet.contract.ReservationsContract;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The monolith with {@code notifications.mode: remote} next to a real notification-service on the test run's Kafka:
 * the monolith only publishes reservation events, notification-service (group {@code notifications}) handles them,
 * and the monolith's /api/notifications answers from it. The public API must not change.
 */
@Tag("broker")
class MonolithNotificationsRemoteContractTest implements CarsContract, CustomersContract, QuotesContract,
        ReservationsContract, InvoicesContract, NotificationsContract {

    static final StackApp NOTIFICATIONS = StackApp.notificationService().withKafka();
    static final StackApp MONOLITH = StackApp.monolith().withKafka().set("notifications.mode", "remote")
            .remote("notifications", NOTIFICATIONS);

    @RegisterExtension
    static final TestStack STACK = TestStack.of(NOTIFICATIONS, MONOLITH);

    @Override
    public ApiTarget target() {
        return ApiTarget.of(MONOLITH.url());
    }
}
