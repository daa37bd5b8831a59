package dev.fleet.platform.remote;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** What one target service sets differently from the {@code remote} defaults ({@code remote.overrides.<service>}). */
public class ServiceOverride {
    @Valid
    @NotNull
    @JsonProperty
    private HystrixOverride hystrix = new HystrixOverride();

    HystrixOverride hystrix() {
        return hystrix;
    }
}
