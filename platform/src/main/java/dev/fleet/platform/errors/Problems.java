package dev.fleet.platform.errors;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every problem of one request so the client learns all of them at once, then throws a
 * single 422 (or 400 for malformed syntax).
 */
public final class Problems {

    private final List<String> problems = new ArrayList<>();

    public Problems add(String problem) {
        problems.add(problem);
        return this;
    }

    public Problems check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
        return this;
    }

    /** Parses an ISO {@code YYYY-MM-DD} parameter; records a problem and returns null when missing or malformed. */
    public LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            problems.add(name + " is required (YYYY-MM-DD)");
            return null;
        }
        try {
            return LocalDate.parse(trim(value));
        } catch (DateTimeParseException e) {
            problems.add(name + " must be a date as YYYY-MM-DD, got '" + abbreviate(value) + "'");
            return null;
        }
    }

    /** Records a problem when a required text is missing or blank; returns the {@link #trim trimmed} value otherwise. */
    public String required(String name, String value) {
        if (value == null || trim(value).isEmpty()) {
            problems.add(name + " is required");
            return null;
        }
        return trim(value);
    }

    /**
     * Removes leading and trailing spaces (Unicode space separators). Unlike {@link String#trim()} it keeps control
     * characters, so that validation sees and refuses them instead of a NUL silently vanishing from a value's end.
     */
    public static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && Character.isSpaceChar(value.charAt(start))) {
            start++;
        }
        while (end > start && Character.isSpaceChar(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    /** Records a problem unless the value matches the pattern; {@code null} counts as absent and passes. */
    public String matches(String name, String value, Pattern pattern, String expectation) {
        if (value != null && !pattern.matcher(value).matches()) {
            problems.add(name + " must be " + expectation + ", got '" + abbreviate(value) + "'");
        }
        return value;
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    public List<String> list() {
        return List.copyOf(problems);
    }

    /** Throws a 422 naming every problem, if there is any. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw ApiException.unprocessable(problems);
        }
    }

    /** Shortens a client-supplied value for an error message (one line, no control characters, at most 40 characters). */
    public static String abbreviate(String value) {
        String oneLine = value.replaceAll("\\p{Cc}", " ");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "…";
    }
}
