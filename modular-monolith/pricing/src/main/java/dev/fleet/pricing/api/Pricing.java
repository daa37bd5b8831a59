package dev.fleet.pricing.api;

import java.time.LocalDate;

/** What other modules may ask of the pricing module. */
public interface Pricing {

    /**
     * Prices a rental. Throws {@code dev.fleet.platform.errors.ApiException} (422) naming every problem when
     * the car or customer is unknown or the dates are impossible ({@code from} not before {@code to},
     * {@code from} in the past, longer than the maximum rental).
     *
     * @param customerId optional; when given it must name a known customer
     */
    Quote quote(String carId, LocalDate from, LocalDate to, String customerId);
}
