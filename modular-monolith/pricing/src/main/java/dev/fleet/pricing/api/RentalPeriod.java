package dev.fleet.pricing.api;

import dev.fleet.platform.errors.Problems;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The calendar rules of a rental, stated once for every module that takes dates: quotes (here and in
 * pricing-service), reservations, and the list-price fallback. A rental covers {@code from} inclusive to {@code to}
 * exclusive; it starts today or later, at most {@link #MAX_DAYS_AHEAD} days ahead, and lasts 1 to {@link #MAX_DAYS}
 * days. The bounds also keep every date inside what the databases store and every total inside its column.
 */
public final class RentalPeriod {

    /** The longest rental, in days. */
    public static final int MAX_DAYS = 90;
    /** How far ahead a rental may start, in days: bookings open two years ahead. */
    public static final int MAX_DAYS_AHEAD = 730;

    private RentalPeriod() {
    }

    /**
     * Records every problem of the dates in {@code problems}. Either date may be null (missing or malformed: the
     * parser has already said so); the rules that need it are then skipped.
     */
    public static void check(Problems problems, LocalDate from, LocalDate to, LocalDate today) {
        if (from != null && to != null) {
            long days = ChronoUnit.DAYS.between(from, to);
            if (days <= 0) {
                problems.add("to must be after from (a rental covers from inclusive to to exclusive), got from " + from + " and to " + to);
            } else if (days > MAX_DAYS) {
                problems.add("to must be at most " + MAX_DAYS + " days after from, got " + days + " days");
            }
        }
        if (from != null && from.isBefore(today)) {
            problems.add("from must not be in the past, got " + from + " (today is " + today + ")");
        } else if (from != null && ChronoUnit.DAYS.between(today, from) > MAX_DAYS_AHEAD) {
            problems.add("from must be at most " + MAX_DAYS_AHEAD + " days from today, got " + from + " (today is " + today + ")");
        }
    }

    /** True when {@link #check} finds nothing wrong. */
    public static boolean isValid(LocalDate from, LocalDate to, LocalDate today) {
        Problems problems = new Problems();
        check(problems, from, to, today);
        return problems.isEmpty() && from != null && to != null;
    }
}
