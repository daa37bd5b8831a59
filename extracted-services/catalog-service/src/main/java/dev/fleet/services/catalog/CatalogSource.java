package dev.fleet.services.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Who owns the catalog's data: catalog-service itself, or the monolith (then the service keeps a read-only copy). */
public enum CatalogSource {
    SELF, MONOLITH;

    /** {@code self} or {@code monolith}; anything else fails startup naming the accepted values. */
    @JsonCreator
    public static CatalogSource of(String value) {
        for (CatalogSource source : values()) {
            if (source.toString().equals(value)) {
                return source;
            }
        }
        throw new IllegalArgumentException("catalog.source must be self or monolith, not '" + value + "'");
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
