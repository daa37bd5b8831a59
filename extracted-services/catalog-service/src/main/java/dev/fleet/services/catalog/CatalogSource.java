package dev.fleet.services.catalog;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.fleet.platform.app.ConfigValues;

/** Who owns the catalog's data: catalog-service itself, or the monolith (then the service keeps a read-only copy). */
public enum CatalogSource {
    SELF, MONOLITH;

    /** {@code self} or {@code monolith}; anything else fails startup naming the accepted values. */
    @JsonCreator
    public static CatalogSource of(String value) {
        return ConfigValues.parse(CatalogSource.class, "catalog.source", value);
    }

    @JsonValue
    @Override
    public String toString() {
        return ConfigValues.name(this);
    }
}
