package dev.fleet.platform.remote;

/** A service name the {@link ServiceDirectory} does not know: a configuration mistake, named in the message. */
public class UnknownServiceException extends IllegalArgumentException {

    public UnknownServiceException(String message) {
        super(message);
    }
}
