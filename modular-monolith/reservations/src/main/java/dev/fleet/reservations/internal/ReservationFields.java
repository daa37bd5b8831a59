package dev.fleet.reservations.internal;

import dev.fleet.platform.validation.TextField;

import java.util.regex.Pattern;

/**
 * The limits of every reservation input, each stated once (docs/api-limits.md lists them for clients). The dates'
 * rules are the pricing module's {@link dev.fleet.pricing.api.RentalPeriod}.
 */
final class ReservationFields {

    static final TextField ID = TextField.uuid("reservation id", "reservations.id");
    static final TextField CUSTOMER_ID = TextField.id("customerId", "reservations.customer_id");
    static final TextField CAR_ID = TextField.id("carId", "reservations.car_id");
    /** The {@code Idempotency-Key} header: printable ASCII, so it can be logged and compared byte for byte. */
    static final TextField IDEMPOTENCY_KEY = TextField.shaped("Idempotency-Key", "reservation_idempotency_keys.idempotency_key", 100,
            Pattern.compile("[\\x20-\\x7E]{1,100}"), "1-100 printable ASCII characters");

    private ReservationFields() {
    }
}
