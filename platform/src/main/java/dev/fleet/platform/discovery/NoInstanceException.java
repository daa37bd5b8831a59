package dev.fleet.platform.discovery;

/**
 * No instance of a service to call. Thrown inside a RemoteCall it is a failure like a refused connection: counted by
 * Hystrix, answered by the call's fallback (or 503), never a 500.
 */
public class NoInstanceException extends RuntimeException {
    private final String service;

    public NoInstanceException(String service, String why) {
        super("no instance of " + service + " to call: " + why);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
