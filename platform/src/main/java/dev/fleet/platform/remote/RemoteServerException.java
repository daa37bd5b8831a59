package dev.fleet.platform.remote;

/** The remote answered with a status that is neither success nor the caller's fault (5xx, 3xx): a failure. */
public class RemoteServerException extends RuntimeException {
    private final int status;

    public RemoteServerException(String service, String operation, int status) {
        super(service + "." + operation + " answered " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
