package dev.fleet.contract;

import java.net.URI;

/**
 * What a contract runs against: a base URI speaking Fleet's public API, and a {@link Seed} for the setup the
 * contract needs from outside its own capability.
 */
public record ApiTarget(Http api, Seed seed) {

    /** A target seeded through its own API. */
    public static ApiTarget of(URI base) {
        Http api = new Http(base);
        return new ApiTarget(api, ApiSeed.through(api));
    }

    public ApiTarget withSeed(Seed other) {
        return new ApiTarget(api, other);
    }
}
