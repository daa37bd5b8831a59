package dev.fleet.platform.remote;

import java.net.URI;

/**
 * Where a service answers: service name → base URI. Static ({@link StaticServiceDirectory}, from config) or from
 * Consul (dev.fleet.platform.discovery.ConsulServiceDirectory). {@link RemoteService} asks on every call, so a dynamic
 * directory can move a service (or take turns over its instances) without restarting the caller.
 */
public interface ServiceDirectory {

    /** The base URI of {@code service}; {@link UnknownServiceException} when the directory does not know it. */
    URI uri(String service);

    /**
     * An instance of {@code service} other than {@code avoid} when the directory knows another one (the retry of an
     * idempotent call after a connection failure), else whatever {@link #uri(String)} answers.
     */
    default URI uri(String service, URI avoid) {
        return uri(service);
    }
}
