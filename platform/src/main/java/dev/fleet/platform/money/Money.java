package dev.fleet.platform.money;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money is a {@link BigDecimal} with two decimal places in one currency; never a binary float. */
public final class Money {

    /** The currency of every price in the fleet. */
    public static final String CURRENCY = "EUR";

    private Money() {
    }

    /** Rounds to cents, half-even (banker's rounding), so repeated calculations do not drift upwards. */
    public static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_EVEN);
    }
}
