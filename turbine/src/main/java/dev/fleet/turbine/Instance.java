package dev.fleet.turbine;

import java.net.URI;

/**
 * One Hystrix stream Turbine reads: the instance's application (its cluster), a unique id, and the stream URL
 * ({@code http://<address>:<admin port>/hystrix.stream}).
 */
public record Instance(String app, String id, URI stream) {
}
