package dev.fleet.pricing.internal;

import java.math.BigDecimal;

/**
 * One row of {@code price_rules}.
 *
 * @param percent percentage (20.00 = 20 %) of the daily rate (surcharge) or of the subtotal (discount)
 * @param minDays for a long-rental discount, the rental length from which it applies; null otherwise
 */
public record PriceRule(String code, Kind kind, BigDecimal percent, Integer minDays) {

    public enum Kind {
        /** + percent of the daily rate for every Saturday and Sunday inside the rental. */
        WEEKEND_SURCHARGE,
        /** − percent of the subtotal when the rental lasts at least minDays; only the largest applicable tier counts. */
        LONG_RENTAL_DISCOUNT
    }
}
