package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.fleet.platform.app.ConfigValues;

/**
 * Where an extractable module runs for the monolith (catalog, billing, notifications; pricing has its own PricingMode with parallel): in process, or in its service, reached
 * through the module's remote adapter.
 */
public enum ModuleMode {
    LOCAL, REMOTE;

    /** {@code local} or {@code remote}; anything else fails startup (Dropwizard names the setting) with the accepted values. */
    @JsonCreator
    public static ModuleMode of(String value) {
        return ConfigValues.parse(ModuleMode.class, "mode", value);
    }

    @JsonValue
    @Override
    public String toString() {
        return ConfigValues.name(this);
    }
}
