package dev.fleet.contract.targets;

import dev.fleet.contract.ApiTarget;
import dev.fleet.contract.CarsContract;
import dev.fleet.contract.CustomersContract;
import dev.fleet.contract.InvoicesContract;
import dev.fleet.contract.NotificationsContract;
import dev.fleet.contract.QuotesContract;
import dev.fleet.contract.ReservationsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The monolith with every module local (its default configuration): the whole public API. */
class MonolithLocalContractTest implements CarsContract, CustomersContract, QuotesContract, ReservationsContract,
        InvoicesContract, NotificationsContract {

    static final StackApp MONOLITH = StackApp.monolith();

    @RegisterExtension
    static final TestStack STACK = TestStack.of(MONOLITH);

    @Override
    public ApiTarget target() {
        return ApiTarget.of(MONOLITH.url());
    }
}
