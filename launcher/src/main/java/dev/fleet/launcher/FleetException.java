package dev.fleet.launcher;

/** Something the launcher cannot do (a port in use, an app that failed to start): printed as it is, exit status 1. */
public class FleetException extends RuntimeException {
    public FleetException(String message) {
        super(message);
    }

    public FleetException(String message, Throwable cause) {
        super(message, cause);
    }
}
