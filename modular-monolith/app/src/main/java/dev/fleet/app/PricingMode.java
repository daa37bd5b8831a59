package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.fleet.platform.app.ConfigValues;

/**
 * Who prices quotes and reservations: the in-process module, pricing-service, or both (parallel run: the local
 * answer counts, pricing-service's is compared with it).
 */
public enum PricingMode {
    LOCAL, REMOTE, PARALLEL;

    /** {@code local}, {@code remote} or {@code parallel}; anything else fails startup naming the accepted values. */
    @JsonCreator
    public static PricingMode of(String value) {
        return ConfigValues.parse(PricingMode.class, "pricing.mode", value);
    }

    @JsonValue
    @Override
    public String toString() {
        return ConfigValues.name(this);
    }
}
