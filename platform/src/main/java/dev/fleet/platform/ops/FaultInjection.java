package dev.fleet.platform.ops;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** The active fault rule of one application, shared by the admin task and the request filter. */
public class FaultInjection {
    private final AtomicReference<FaultRule> rule = new AtomicReference<>();

    public Optional<FaultRule> rule() {
        return Optional.ofNullable(rule.get());
    }

    public void set(FaultRule newRule) {
        rule.set(newRule);
    }

    public void clear() {
        rule.set(null);
    }
}
