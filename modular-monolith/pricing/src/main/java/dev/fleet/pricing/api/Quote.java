package dev.fleet.pricing.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The price of renting one car from {@code from} (inclusive) to {@code to} (exclusive). {@code total} is the
 * sum of the breakdown's amounts, in {@code currency}, with two decimal places.
 */
public record Quote(String carId, LocalDate from, LocalDate to, int days, BigDecimal total, String currency,
                    List<QuoteLine> breakdown) {

    public Quote {
        breakdown = List.copyOf(breakdown);
    }
}
