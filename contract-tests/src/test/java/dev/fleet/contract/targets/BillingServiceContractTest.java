package dev.fleet.contract.targets;

import dev.fleet.contract.ApiTarget;
import dev.fleet.contract.InvoicesContract;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * billing-service on its own, consuming charge commands from the test run's RabbitMQ (embedded, or
 * FLEET_IT_RABBITMQ): the invoices contract, seeded by a real charge command on its queue.
 */
@Tag("broker")
class BillingServiceContractTest implements InvoicesContract {

    static final StackApp BILLING = StackApp.billingService().withAmqp();

    @RegisterExtension
    static final TestStack STACK = TestStack.of(BILLING);

    @Override
    public ApiTarget target() {
        return ApiTarget.of(BILLING.url()).withSeed(new ChargeCommandSeed(BILLING));
    }
}
