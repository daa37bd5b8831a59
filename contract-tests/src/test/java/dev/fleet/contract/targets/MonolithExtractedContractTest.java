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
 * The "extracted" stage: the monolith keeps customers and reservations, and catalog, pricing, billing and
 * notifications are all remote — four real services, both brokers. The public API must not change.
 */
@Tag("broker")
class MonolithExtractedContractTest implements CarsContract, CustomersContract, QuotesContract, ReservationsContract,
        InvoicesContract, NotificationsContract {

    static final StackApp CATALOG = StackApp.catalogService();
    static final StackApp BILLING = StackApp.billingService().withAmqp();
    static final StackApp NOTIFICATIONS = StackApp.notificationService().withKafka();
    static final StackApp MONOLITH = StackApp.monolith().withAmqp().withKafka()
            .set("catalog.mode", "remote").remote("catalog", CATALOG)
            .set("pricing.mode", "remote")
            .set("billing.mode", "remote").remote("billing", BILLING)
            .set("notifications.mode", "remote").remote("notifications", NOTIFICATIONS);
    static final StackApp PRICING = StackApp.pricingService().remote("catalog", CATALOG).remote("customers", MONOLITH);

    static {
        MONOLITH.remote("pricing", PRICING); // the monolith ⇄ pricing-service cycle: PRICING's port is pinned first
    }

    @RegisterExtension
    static final TestStack STACK = TestStack.of(CATALOG, BILLING, NOTIFICATIONS, MONOLITH, PRICING);

    @Override
    public ApiTarget target() {
        return ApiTarget.of(MONOLITH.url());
    }
}
