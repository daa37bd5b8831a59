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
 * The monolith with {@code catalog.mode: remote} (after the cut-over) next to a real catalog-service: its /api/cars,
 * pricing and reservations read and write cars in catalog-service, and the public API must not change.
 */
class MonolithCatalogRemoteContractTest implements CarsContract, CustomersContract, QuotesContract, ReservationsContract,
        InvoicesContract, NotificationsContract {

    static final StackApp CATALOG = StackApp.catalogService();
    static final StackApp MONOLITH = StackApp.monolith().set("catalog.mode", "remote").remote("catalog", CATALOG);

    @RegisterExtension
    static final TestStack STACK = TestStack.of(CATALOG, MONOLITH);

    @Override
    public ApiTarget target() {
        return ApiTarget.of(MONOLITH.url());
    }
}
