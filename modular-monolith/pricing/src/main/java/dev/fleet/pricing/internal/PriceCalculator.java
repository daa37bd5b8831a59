package dev.fleet.pricing.internal;

import dev.fleet.platform.money.Money;
import dev.fleet.pricing.api.QuoteLine;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The price rules applied to one rental, as the lines of a quote: the base charge, then surcharges, then the
 * discount on their subtotal. Each line is rounded to cents (half-even) on its own, so the total is exactly
 * the sum of the lines a customer sees. Pure: dates and rate in, lines out.
 */
final class PriceCalculator {

    private static final BigDecimal HUNDRED = new BigDecimal(100);

    private PriceCalculator() {
    }

    static List<QuoteLine> lines(BigDecimal dailyRate, LocalDate from, LocalDate to, List<PriceRule> rules) {
        long days = ChronoUnit.DAYS.between(from, to);
        List<QuoteLine> lines = new ArrayList<>();
        lines.add(new QuoteLine(days + (days == 1 ? " day" : " days") + " × " + Money.cents(dailyRate),
                Money.cents(dailyRate.multiply(BigDecimal.valueOf(days)))));

        long weekendDays = from.datesUntil(to).filter(PriceCalculator::isWeekend).count();
        for (PriceRule rule : rules) {
            if (rule.kind() == PriceRule.Kind.WEEKEND_SURCHARGE && weekendDays > 0) {
                BigDecimal amount = dailyRate.multiply(BigDecimal.valueOf(weekendDays)).multiply(rule.percent()).divide(HUNDRED);
                lines.add(new QuoteLine("Weekend surcharge: " + weekendDays + (weekendDays == 1 ? " day" : " days")
                        + " × " + percent(rule) + " of " + Money.cents(dailyRate), Money.cents(amount)));
            }
        }

        BigDecimal subtotal = sum(lines);
        rules.stream()
                .filter(rule -> rule.kind() == PriceRule.Kind.LONG_RENTAL_DISCOUNT && rule.minDays() != null && days >= rule.minDays())
                .max(Comparator.comparing(PriceRule::minDays))
                .ifPresent(rule -> lines.add(new QuoteLine(
                        "Long-rental discount (" + rule.minDays() + "+ days): " + percent(rule) + " off " + subtotal,
                        Money.cents(subtotal.multiply(rule.percent()).divide(HUNDRED).negate()))));
        return lines;
    }

    static BigDecimal sum(List<QuoteLine> lines) {
        return Money.cents(lines.stream().map(QuoteLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    private static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    private static String percent(PriceRule rule) {
        return rule.percent().stripTrailingZeros().toPlainString() + " %";
    }
}
