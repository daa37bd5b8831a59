package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where an extractable module runs for the monolith (catalog, billing, notifications; pricing has its own PricingMode with parallel): in process, or in its service, reached
 * through the module's remote adapter.
 */
public enum ModuleMode {
    LOCAL, REMOTE;

    /** {@code local} or {@code remote}; anything else fails startup (Dropwizard names the setting) with the accepted values. */
    @JsonCreator
    public static ModuleMode of(String value) {
        for (ModuleMode mode : values()) {
            if (mode.toString().equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be local or remote, not '" + value + "'");
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
