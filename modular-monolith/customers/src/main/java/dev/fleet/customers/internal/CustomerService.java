package dev.fleet.customers.internal;

import dev.fleet.customers.api.Customer;
import dev.fleet.customers.api.CustomerDirectory;
import dev.fleet.platform.db.Databases;
import dev.fleet.platform.errors.ApiException;
import dev.fleet.platform.errors.Problems;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The customers' behaviour: lookups for other modules, validated registration for the HTTP API. */
public class CustomerService implements CustomerDirectory {

    static final Pattern ID = CustomerFields.ID.shape();

    private final CustomerDao dao;

    public CustomerService(Jdbi jdbi) {
        this.dao = jdbi.onDemand(CustomerDao.class);
    }

    @Override
    public Optional<Customer> find(String id) {
        return id != null && ID.matcher(id).matches() ? dao.find(id.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    public List<Customer> list() {
        return dao.list();
    }

    public Customer get(String id) {
        if (!ID.matcher(id).matches()) {
            throw ApiException.badRequest("customer id must be a UUID, got '" + Problems.abbreviate(id) + "'");
        }
        return find(id).orElseThrow(() -> ApiException.notFound("customer " + id + " not found"));
    }

    public Customer register(CustomerRequest request) {
        Customer customer = validate(UUID.randomUUID().toString(), request);
        try {
            // No look-before-insert: the unique constraints decide, which also covers concurrent registrations.
            dao.insert(customer);
        } catch (RuntimeException e) {
            if (Databases.isUniqueViolation(e)) {
                throw conflict(customer);
            }
            throw e;
        }
        return customer;
    }

    private ApiException conflict(Customer customer) {
        List<String> taken = new ArrayList<>();
        if (dao.findByEmail(customer.email()).isPresent()) {
            taken.add("email " + customer.email() + " is already registered");
        }
        if (dao.findByLicenceNumber(customer.licenceNumber()).isPresent()) {
            taken.add("licenceNumber " + customer.licenceNumber() + " is already registered");
        }
        if (taken.isEmpty()) {
            taken.add("a customer with this email or licenceNumber is already registered");
        }
        return new ApiException(409, String.join("; ", taken), taken);
    }

    private static String lowerCase(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static String upperCase(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }

    static Customer validate(String id, CustomerRequest request) {
        if (request == null) {
            throw ApiException.unprocessable("request body is required");
        }
        Problems problems = new Problems();
        String name = CustomerFields.NAME.required(problems, request.name());
        // normalised before the check: stored lower-cased (e-mail) and upper-cased (licence), so the unique keys ignore case
        String email = CustomerFields.EMAIL.required(problems, lowerCase(request.email()));
        String licence = CustomerFields.LICENCE_NUMBER.required(problems, upperCase(request.licenceNumber()));
        problems.throwIfAny();
        return new Customer(id, name, email, licence);
    }
}
