package dev.fleet.contract.targets;

import dev.fleet.contract.ApiTarget;
import dev.fleet.contract.CarsContract;
import dev.fleet.contract.CustomersContract;
import dev.fleet.contract.InvoicesContract;
import dev.fleet.contract.NotificationsContract;
import dev.fleet.contract.QuotesContract;
import dev.fleet.contract.ReservationsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The monolith with catalog and pricing remote (pricing-service reads cars from catalog-service, as in production)
 * next to real catalog- and pricing-services: quotes and reservation totals come from pricing-service, and the
 * public API must not change.
 */
class MonolithPricingRemoteContractTest implements CarsContract, CustomersContract, QuotesContract, ReservationsContract,
        InvoicesContract, NotificationsContract {

    static final StackApp CATALOG = StackApp.catalogService();
    static final StackApp MONOLITH = StackApp.monolith().set("catalog.mode", "remote").remote("catalog", CATALOG)
            .set("pricing.mode", "remote");
    static final StackApp PRICING = StackApp.pricingService().remote("catalog", CATALOG).remote("customers", MONOLITH);

    static {
        // a cycle: the monolith calls pricing-service, which calls the monolith for customers (ports pinned first)
        MONOLITH.remote("pricing", PRICING);
    }

    @RegisterExtension
    static final TestStack STACK = TestStack.of(CATALOG, MONOLITH, PRICING);

    @Override
    public ApiTarget target() {
        return ApiTarget.of(MONOLITH.url());
    }
}
