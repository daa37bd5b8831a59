package dev.fleet.app.input;

import dev.fleet.platform.testing.TestDatabase;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every row of the tables the API writes, read straight from the test database, so a test can show that a refused
 * request left the database exactly as it was (no partial write). Of the outboxes only the message ids count: the
 * relay marks rows sent in the background, which is not a write of the request's.
 */
final class Tables {

    /** The tables a POST or PUT of the public API can write, directly or through the outbox. */
    static final List<String> WRITTEN_BY_THE_API = List.of("cars", "catalog_outbox", "catalog_sequence", "customers",
            "reservations", "reservation_car_locks", "reservation_idempotency_keys", "reservation_outbox");

    private final Jdbi jdbi;

    Tables(TestDatabase database) {
        this.jdbi = database.jdbi();
    }

    /** table → its rows as text, in a stable order. */
    Map<String, List<String>> snapshot() {
        Map<String, List<String>> snapshot = new LinkedHashMap<>();
        jdbi.useHandle(h -> {
            for (String table : WRITTEN_BY_THE_API) {
                String columns = table.endsWith("_outbox") ? "id" : "*";
                List<String> rows = new ArrayList<>(h.createQuery("SELECT " + columns + " FROM " + table).mapToMap().map(Object::toString).list());
                rows.sort(null);
                snapshot.put(table, rows);
            }
        });
        return snapshot;
    }
}
