package dev.fleet.contract.targets;

import dev.fleet.contract.ApiSeed;
import dev.fleet.contract.ApiTarget;
import dev.fleet.contract.QuotesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * pricing-service on its own: the quotes contract straight against it. It reads cars from a real catalog-service
 * (seeded there) and customers from a real monolith (seeded through the monolith's API).
 */
class PricingServiceContractTest implements QuotesContract {

    static final StackApp CATALOG = StackApp.catalogService();
    static final StackApp MONOLITH = StackApp.monolith();
    static final StackApp PRICING = StackApp.pricingService().remote("catalog", CATALOG).remote("customers", MONOLITH);

    @RegisterExtension
    static final TestStack STACK = TestStack.of(CATALOG, MONOLITH, PRICING);

    @Override
    public ApiTarget target() {
        return ApiTarget.of(PRICING.url()).withSeed(ApiSeed.through(MONOLITH.http()).carsAt(CATALOG.http()));
    }
}
