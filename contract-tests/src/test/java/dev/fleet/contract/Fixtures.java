package dev.fleet.contract;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.UUID;

/** Dates relative to today (UTC, as the API judges "the past") and ids no other test uses. */
public final class Fixtures {

    private Fixtures() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    public static LocalDate inDays(int days) {
        return today().plusDays(days);
    }

    /** The Monday after today, so a rental's weekdays are known. */
    public static LocalDate nextMonday() {
        return today().with(TemporalAdjusters.next(DayOfWeek.MONDAY));
    }

    /** {@code prefix} plus 8 random letters and digits, e.g. {@code CT-1A2B3C4D}. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT);
    }

    /** A random UUID nobody has used: an id the target cannot know. */
    public static String unknownUuid() {
        return UUID.randomUUID().toString();
    }

    public static String reservationBody(String customerId, String carId, LocalDate from, LocalDate to) {
        return "{\"customerId\":\"" + customerId + "\",\"carId\":\"" + carId + "\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}";
    }
}
