package dev.fleet.platform.ops;

/** An injected fault: requests whose path starts with {@code pathPrefix} wait, then fail with a probability. */
public record FaultRule(long latencyMs, double errorRate, String pathPrefix) {
    public static final long MAX_LATENCY_MS = 60_000;

    public FaultRule {
        if (latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
            throw new IllegalArgumentException("latencyMs must be between 0 and " + MAX_LATENCY_MS + ", got " + latencyMs);
        }
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) { // also rejects NaN
            throw new IllegalArgumentException("errorRate must be between 0.0 and 1.0, got " + errorRate);
        }
        if (pathPrefix == null || !pathPrefix.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', got '" + pathPrefix + "'");
        }
    }

    public boolean matches(String path) {
        return path.startsWith(pathPrefix);
    }

    @Override
    public String toString() {
        return "path prefix " + pathPrefix + ", latency " + latencyMs + " ms, error rate " + errorRate;
    }
}
