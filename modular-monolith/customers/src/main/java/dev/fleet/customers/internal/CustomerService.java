package dev.fleet.customers.internal;

import dev.fleet.platform.ids.Ids;
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

    /** The canonical UUID text form; {@link UUID#fromString} alone accepts oddities such as "1-2-3-4-5". */
    static final Pattern ID = Ids.UUID;
    /** Deliberately loose: one @, no spaces, a dot inside the domain. The mailbox is the real check. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    static final Pattern LICENCE = Pattern.compile("[A-Z0-9-]{5,20}");
    static final int MAX_NAME = 100;
    static final int MAX_EMAIL = 254;

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

    static Customer validate(String id, CustomerRequest request) {
        if (request == null) {
            throw ApiException.unprocessable("request body is required");
        }
        Problems problems = new Problems();
        String name = problems.required("name", request.name());
        problems.check(name == null || name.length() <= MAX_NAME, "name must be at most " + MAX_NAME + " characters");

        String email = problems.required("email", request.email());
        if (email != null) {
            email = email.toLowerCase(Locale.ROOT);
            if (email.length() > MAX_EMAIL) {
                problems.add("email must be at most " + MAX_EMAIL + " characters");
            } else {
                problems.matches("email", email, EMAIL, "an address like name@example.com");
            }
        }

        String licence = problems.required("licenceNumber", request.licenceNumber());
        if (licence != null) {
            licence = licence.toUpperCase(Locale.ROOT);
            problems.matches("licenceNumber", licence, LICENCE, "5-20 letters, digits or '-'");
        }
        problems.throwIfAny();
        return new Customer(id, name, email, licence);
    }
}
