package dev.fleet.customers.remote;

import dev.fleet.customers.api.Customer;
import dev.fleet.customers.api.CustomerDirectory;
import dev.fleet.platform.ids.Ids;
import dev.fleet.platform.remote.Fallback;
import dev.fleet.platform.remote.RemoteService;
import dev.fleet.platform.remote.StaleCache;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The customers as the monolith's {@code GET /api/customers/{id}} answers them, for an extracted service that needs
 * them (customers stay in the monolith). Each lookup is a Hystrix command (group and thread pool {@code customers},
 * key {@code findCustomer}); 404 is an unknown customer, not an error. When the monolith fails, the last customer
 * read for that id answers, marked degraded; never read before → 503 with {@code Retry-After}.
 */
public class RemoteCustomerDirectory implements CustomerDirectory {
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final RemoteService customers;
    private final StaleCache<String, Optional<Customer>> lastCustomer = new StaleCache<>();

    public RemoteCustomerDirectory(RemoteService customers) {
        this.customers = customers;
    }

    @Override
    public Optional<Customer> find(String id) {
        // The contract: a malformed id is simply unknown. Asking would cost a call and answer 400, not empty.
        if (id == null || !Ids.UUID.matcher(id).matches()) {
            return Optional.empty();
        }
        String key = id.toLowerCase(Locale.ROOT);
        // only found customers are cached (a 404 is not stored), so a stale answer is always a customer that existed
        return customers.find("findCustomer", t -> t.path("/api/customers/{id}").resolveTemplate("id", key).request().get(),
                Customer.class, Fallback.staleCache(lastCustomer, key, RETRY_AFTER));
    }
}
