package dev.fleet.platform.ids;

import java.util.regex.Pattern;

/** The shapes of identifiers on Fleet's API, checked before an id reaches SQL or a log line. */
public final class Ids {

    /** Any entity id: 1-36 letters, digits or '-' (car ids are chosen by clients, e.g. "0345391802"). */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,35}");

    /** Server-assigned ids (customers, reservations, invoices…) are UUIDs. */
    public static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The longest {@link #TOKEN}. */
    public static final int TOKEN_MAX_LENGTH = 64;

    /**
     * Ids that other systems choose and Fleet keeps: a caller's {@code X-Request-Id}, a delivered message's id. Safe to
     * log and echo (no CR/LF, no markup, bounded length).
     */
    public static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1," + TOKEN_MAX_LENGTH + "}");

    private Ids() {
    }
}
