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
 * The monolith with {@code billing.mode: remote} next to a real billing-service on the test run's RabbitMQ: the
 * monolith only publishes charge commands, billing-service invoices them, and the monolith's /api/invoices answers
 * from it. The public API must not change.
 */
@Tag("broker")
class MonolithBillingRemoteContractTest implements CarsContract, CustomersContract, QuotesContract, ReservationsContract,
        InvoicesContract, NotificationsContract {

    static final StackApp BILLING = StackApp.billingService().withAmqp();
    static final StackApp MONOLITH = StackApp.monolith().withAmqp().set("billing.mode", "remote").remote("billing", BILLING);

    @RegisterExtension
    static final TestStack STACK = TestStack.of(BILLING, MONOLITH);

    @Override
    public ApiTarget target() {
        return ApiTarget.of(MONOLITH.url());
    }
}
