package dev.fleet.platform.validation;

import dev.fleet.platform.errors.Problems;
import dev.fleet.platform.ids.Ids;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One text input of Fleet's API (a body field, a query parameter or a header that reaches SQL) and the limits it
 * is checked against: the one place those limits are written. {@code column} names the {@code table.column} that
 * stores it; {@code FieldLimitsTest} reads the Liquibase changelogs and fails when the column could not hold what
 * this field lets through (longer than its {@code varchar}), so the changelog and the validation cannot drift apart.
 *
 * <p>Every text is refused with control characters in it (U+0000–U+001F, U+007F–U+009F: PostgreSQL rejects NUL
 * outright, and none of them belongs in a name, an address or an id) and with unpaired UTF-16 surrogates (not
 * text at all: the JDBC drivers would store a '?' instead). Length counts UTF-16 code units, which is never less
 * than the characters PostgreSQL and H2 count, so what passes here always fits. Values are trimmed first.
 *
 * @param name        the field's name in the API, as error messages name it
 * @param column      {@code table.column} where the value is stored or looked up
 * @param maxLength   at most this many characters after trimming
 * @param shape       the form the value must have, or null for free text
 * @param expectation how {@code shape} is described to a client ("1-36 letters, digits or '-'")
 */
public record TextField(String name, String column, int maxLength, Pattern shape, String expectation) {

    public TextField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(column, "column");
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1");
        }
        if ((shape == null) != (expectation == null)) {
            throw new IllegalArgumentException("a shape needs its expectation, and only a shape has one");
        }
    }

    /** Free text such as a name: any characters but control characters, at most {@code maxLength}. */
    public static TextField text(String name, String column, int maxLength) {
        return new TextField(name, column, maxLength, null, null);
    }

    /** Text of a fixed form such as an id or a code; the shape must not accept more than {@code maxLength}. */
    public static TextField shaped(String name, String column, int maxLength, Pattern shape, String expectation) {
        return new TextField(name, column, maxLength, Objects.requireNonNull(shape, "shape"), expectation);
    }

    /** An entity id ({@link Ids#ID}): 1-36 letters, digits or '-', in a {@code varchar(36)}. */
    public static TextField id(String name, String column) {
        return shaped(name, column, 36, Ids.ID, "1-36 letters, digits or '-'");
    }

    /** A server-assigned id ({@link Ids#UUID}). */
    public static TextField uuid(String name, String column) {
        return shaped(name, column, 36, Ids.UUID, "a UUID");
    }

    /** An id another system chose ({@link Ids#TOKEN}), such as a delivered message's id. */
    public static TextField token(String name, String column) {
        return shaped(name, column, Ids.TOKEN_MAX_LENGTH, Ids.TOKEN, "1-" + Ids.TOKEN_MAX_LENGTH + " letters, digits or '._:-'");
    }

    /** Checks a value that must be present: a problem when it is missing, blank or breaks a limit; the trimmed value otherwise. */
    public String required(Problems problems, String value) {
        String text = problems.required(name, value);
        return text == null ? null : checked(problems, text);
    }

    /** Checks a value that may be absent ({@code null} passes as null); a present one is trimmed and checked. */
    public String optional(Problems problems, String value) {
        return value == null ? null : required(problems, value);
    }

    private String checked(Problems problems, String text) {
        Optional<String> problem = problemWith(text);
        problem.ifPresent(problems::add);
        return problem.isPresent() ? null : text;
    }

    private Optional<String> problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of(name + " must not contain control characters, got U+" + String.format("%04X", (int) c)
                        + " at position " + (i + 1));
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return Optional.of(name + " must be valid Unicode text, got an unpaired surrogate at position " + (i + 1));
                }
                i++; // the low half of the pair
            }
        }
        // A shape that already bounds the length ("1-36 letters, …") says so itself; an open one (an e-mail) needs the limit.
        if (shape != null && !shape.matcher(text).matches()) {
            return Optional.of(name + " must be " + expectation + ", got '" + Problems.abbreviate(text) + "'");
        }
        if (text.length() > maxLength) {
            return Optional.of(name + " must be at most " + maxLength + " characters");
        }
        return Optional.empty();
    }
}
