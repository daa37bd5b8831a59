package dev.fleet.platform.validation;

import dev.fleet.platform.errors.Problems;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One money input of Fleet's API or messages and its limits, written once: greater than 0 (or at least 0 where
 * {@code zeroAllowed}), at most {@code max}, at most {@code scale} decimal places. {@code FieldLimitsTest} checks that the {@code decimal(p,s)} of {@code column} holds
 * every amount this field lets through.
 *
 * @param name   the field's name in the API
 * @param column {@code table.column} where the amount is stored
 * @param max    the largest amount that makes business sense (docs say which and why)
 * @param scale  decimal places allowed
 * @param zeroAllowed whether 0 is an amount (an invoice of a free rental) or a mistake (a daily rate)
 */
public record AmountField(String name, String column, BigDecimal max, int scale, boolean zeroAllowed) {

    public AmountField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(column, "column");
        if (max == null || max.signum() <= 0 || max.stripTrailingZeros().scale() > scale) {
            throw new IllegalArgumentException("max must be a positive amount with at most " + scale + " decimal places");
        }
    }

    /** A positive amount in cents, at most {@code max}. */
    public static AmountField cents(String name, String column, String max) {
        return new AmountField(name, column, new BigDecimal(max), 2, false);
    }

    /** An amount in cents from 0 to {@code max}. */
    public static AmountField centsFromZero(String name, String column, String max) {
        return new AmountField(name, column, new BigDecimal(max), 2, true);
    }

    /**
     * Checks an amount; records a problem when it is missing, below the minimum, above {@code max} or has more decimal places than {@code scale}. Compares before it scales, so an
     * amount like {@code 1e999999999} is refused without ever being expanded.
     */
    public BigDecimal check(Problems problems, BigDecimal value) {
        if (value == null) {
            problems.add(name + " is required");
        } else if (value.signum() < 0 || (value.signum() == 0 && !zeroAllowed)) {
            problems.add(name + (zeroAllowed ? " must not be negative" : " must be greater than 0"));
        } else if (value.compareTo(max) > 0) {
            problems.add(name + " must be at most " + max.toPlainString() + ", got " + Problems.abbreviate(value.toString()));
        } else if (value.stripTrailingZeros().scale() > scale) {
            problems.add(name + " must have at most " + (scale == 2 ? "two" : String.valueOf(scale)) + " decimal places");
        }
        return value;
    }
}
