package dev.fleet.contract.targets;

import dev.fleet.contract.ApiSeed;
import dev.fleet.contract.ApiTarget;
import dev.fleet.contract.CarsContract;
import dev.fleet.contract.CustomersContract;
import dev.fleet.contract.InvoicesContract;
import dev.fleet.contract.NotificationsContract;
import dev.fleet.contract.QuotesContract;
import dev.fleet.contract.ReservationsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The monolith with {@code catalog.mode: remote} next to a real catalog-service: pricing and reservations read cars
 * from catalog-service, and the public API must not change.
 */
class MonolithCatalogRemoteContractTest implements CarsContract, CustomersContract, QuotesContract, ReservationsContract,
        InvoicesContract, NotificationsContract {

    static final StackApp CATALOG = StackApp.catalogService();
    static final StackApp MONOLITH = StackApp.monolith().set("catalog.mode", "remote").remote("catalog", CATALOG);

    @RegisterExtension
    static final TestStack STACK = TestStack.of(CATALOG, MONOLITH);

    @Override
    public ApiTarget target() {
        // Cars are seeded in catalog-service, where pricing and reservations read them: in this mode the monolith's
        // own /api/cars still serves its local table, so a car created there is unknown to them. Once /api/cars goes
        // through catalog-service too (the catalog cut-over), drop the seed and seed through the monolith's API.
        return ApiTarget.of(MONOLITH.url()).withSeed(ApiSeed.through(MONOLITH.http()).carsAt(CATALOG.http()));
    }
}
