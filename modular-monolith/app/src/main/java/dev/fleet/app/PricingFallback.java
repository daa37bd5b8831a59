package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What answers when pricing-service cannot (remote mode): see {@code RemotePricing.failFast} / {@code listPrice}. */
public enum PricingFallback {
    /** 503 with {@code Retry-After}. */
    FAIL_FAST,
    /** The car's daily rate × days, no rules, marked {@code X-Fleet-Degraded: pricing}. */
    LIST_PRICE;

    /** {@code fail-fast} or {@code list-price}; anything else fails startup naming the accepted values. */
    @JsonCreator
    public static PricingFallback of(String value) {
        for (PricingFallback fallback : values()) {
            if (fallback.toString().equals(value)) {
                return fallback;
            }
        }
        throw new IllegalArgumentException("pricing.fallback must be fail-fast or list-price, not '" + value + "'");
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
