package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Who prices quotes and reservations: the in-process module, pricing-service, or both (parallel run: the local
 * answer counts, pricing-service's is compared with it).
 */
public enum PricingMode {
    LOCAL, REMOTE, PARALLEL;

    /** {@code local}, {@code remote} or {@code parallel}; anything else fails startup naming the accepted values. */
    @JsonCreator
    public static PricingMode of(String value) {
        for (PricingMode mode : values()) {
            if (mode.toString().equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("pricing.mode must be local, remote or parallel, not '" + value + "'");
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
