package dev.fleet.platform.remote;

import java.time.Duration;

/** A remote service cannot answer now: 503 with {@code Retry-After} ({@link RemoteUnavailableMapper}). */
public class RemoteUnavailableException extends RuntimeException {
    private final String service;
    private final Duration retryAfter;

    public RemoteUnavailableException(String service, Duration retryAfter, Throwable cause) {
        super(service + " is unavailable, retry after " + seconds(checkRetryAfter(retryAfter)) + " s", cause);
        this.service = service;
        this.retryAfter = retryAfter;
    }

    public String service() {
        return service;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for the {@code Retry-After} header, rounded up. */
    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    static Duration checkRetryAfter(Duration retryAfter) {
        if (retryAfter == null || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("retryAfter must be positive, got " + retryAfter);
        }
        return retryAfter;
    }

    private static long seconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }
}
