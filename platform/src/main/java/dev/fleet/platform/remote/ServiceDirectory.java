package dev.fleet.platform.remote;

import java.net.URI;

/**
 * Where a service answers: service name → base URI. Static for now ({@link StaticServiceDirectory}, from config);
 * a discovery client (Consul) can implement it later. {@link RemoteService} asks on every call, so a dynamic
 * directory can move a service without restarting the caller.
 */
public interface ServiceDirectory {

    /** The base URI of {@code service}; {@link UnknownServiceException} when the directory does not know it. */
    URI uri(String service);
}
