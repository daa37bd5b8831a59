package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;

/** The block of an extractable module ({@code catalog}, {@code billing}, {@code notifications}): {@code mode: local | remote}. */
public class ModuleSettings {
    @NotNull
    @JsonProperty
    private ModuleMode mode = ModuleMode.LOCAL;

    public ModuleMode mode() {
        return mode;
    }
}
