package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where pricing and reservations read the catalog: the in-process module or catalog-service. */
public enum CatalogMode {
    LOCAL, REMOTE;

    /** {@code local} or {@code remote}; anything else fails startup naming the accepted values. */
    @JsonCreator
    public static CatalogMode of(String value) {
        for (CatalogMode mode : values()) {
            if (mode.toString().equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("catalog.mode must be local or remote, not '" + value + "'");
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
