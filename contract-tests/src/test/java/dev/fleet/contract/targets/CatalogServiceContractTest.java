package dev.fleet.contract.targets;

import dev.fleet.contract.ApiTarget;
import dev.fleet.contract.CarsContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** catalog-service on its own: the cars contract, as the monolith serves it. */
class CatalogServiceContractTest implements CarsContract {

    static final StackApp CATALOG = StackApp.catalogService();

    @RegisterExtension
    static final TestStack STACK = TestStack.of(CATALOG);

    @Override
    public ApiTarget target() {
        return ApiTarget.of(CATALOG.url());
    }
}
