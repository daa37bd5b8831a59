package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.fleet.pricing.parallel.ParallelRunSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * The {@code pricing} block: {@code mode: local | remote | parallel} ({@code FLEET_PRICING_MODE}) and, for remote
 * mode, {@code fallback: fail-fast | list-price} ({@code FLEET_PRICING_FALLBACK}); for parallel mode, {@code parallel}:
 * the candidate pool and timeout ({@link ParallelRunSettings}).
 */
public class PricingSettings {
    @NotNull
    @JsonProperty
    private PricingMode mode = PricingMode.LOCAL;

    @NotNull
    @JsonProperty
    private PricingFallback fallback = PricingFallback.FAIL_FAST;

    @Valid
    @NotNull
    @JsonProperty
    private ParallelRunSettings parallel = new ParallelRunSettings();

    public PricingMode mode() {
        return mode;
    }

    public PricingFallback fallback() {
        return fallback;
    }

    public ParallelRunSettings parallel() {
        return parallel;
    }
}
