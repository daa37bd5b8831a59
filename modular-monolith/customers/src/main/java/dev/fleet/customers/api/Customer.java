package dev.fleet.customers.api;

/** A registered customer; the id is assigned by the server. */
public record Customer(String id, String name, String email, String licenceNumber) {
}
