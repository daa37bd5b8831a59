package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;

/** The {@code catalog} block: {@code mode: local | remote} ({@code FLEET_CATALOG_MODE}). */
public class CatalogSettings {
    @NotNull
    @JsonProperty
    private CatalogMode mode = CatalogMode.LOCAL;

    public CatalogMode mode() {
        return mode;
    }
}
