package dev.fleet.customers.internal;

/**
 * The body of POST /api/customers. Every field is optional at the JSON level so that one response can name
 * every problem; {@link CustomerService} validates and normalizes.
 */
public record CustomerRequest(String name, String email, String licenceNumber) {
}
