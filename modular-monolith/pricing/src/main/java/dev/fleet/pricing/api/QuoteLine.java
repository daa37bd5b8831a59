package dev.fleet.pricing.api;

import java.math.BigDecimal;

/** One line of a quote: a base charge, a surcharge (positive) or a discount (negative). */
public record QuoteLine(String label, BigDecimal amount) {
}
