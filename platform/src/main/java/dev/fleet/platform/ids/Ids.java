package dev.fleet.platform.ids;

import java.util.regex.Pattern;

/** The shapes of identifiers on Fleet's API, checked before an id reaches SQL or a log line. */
public final class Ids {

    /** Any entity id: 1-36 letters, digits or '-' (car ids are chosen by clients, e.g. "0345391802"). */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,35}");

    /** Server-assigned ids (customers, reservations, invoices…) are UUIDs. */
    public static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }
}
