package dev.fleet.customers.api;

import java.util.Optional;

/** What other modules may ask of the customers module. */
public interface CustomerDirectory {

    /** The customer, or empty when the id is unknown or malformed. */
    Optional<Customer> find(String id);
}
