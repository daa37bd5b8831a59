package dev.fleet.customers.internal;

import dev.fleet.platform.validation.TextField;

import java.util.regex.Pattern;

/** The limits of every customer field the API takes, each stated once (docs/api-limits.md lists them for clients). */
final class CustomerFields {

    /** The canonical UUID text form; {@link java.util.UUID#fromString} alone accepts oddities such as "1-2-3-4-5". */
    static final TextField ID = TextField.uuid("customer id", "customers.id");
    static final TextField NAME = TextField.text("name", "customers.name", 100);
    /** Deliberately loose: one @, no spaces, a dot inside the domain. The mailbox is the real check. 254: RFC 5321's path limit. */
    static final TextField EMAIL = TextField.shaped("email", "customers.email", 254,
            Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+"), "an address like name@example.com");
    static final TextField LICENCE_NUMBER = TextField.shaped("licenceNumber", "customers.licence_number", 20,
            Pattern.compile("[A-Z0-9-]{5,20}"), "5-20 letters, digits or '-'");

    private CustomerFields() {
    }
}
