package dev.fleet.app;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.fleet.platform.app.ConfigValues;

/** What answers when pricing-service cannot (remote mode): see {@code RemotePricing.failFast} / {@code listPrice}. */
public enum PricingFallback {
    /** 503 with {@code Retry-After}. */
    FAIL_FAST,
    /** The car's daily rate × days, no rules, marked {@code X-Fleet-Degraded: pricing}. */
    LIST_PRICE;

    /** {@code fail-fast} or {@code list-price}; anything else fails startup naming the accepted values. */
    @JsonCreator
    public static PricingFallback of(String value) {
        return ConfigValues.parse(PricingFallback.class, "pricing.fallback", value);
    }

    @JsonValue
    @Override
    public String toString() {
        return ConfigValues.name(this);
    }
}
