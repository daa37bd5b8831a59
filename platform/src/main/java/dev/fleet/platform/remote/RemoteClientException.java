package dev.fleet.platform.remote;

import com.netflix.hystrix.exception.HystrixBadRequestException;

/**
 * The remote answered 4xx: the caller's request was wrong, the remote is healthy. A HystrixBadRequestException, so it
 * neither counts as a failure nor triggers the fallback. Carries the status and the remote's JSON {@code message};
 * {@link RemoteClientExceptionMapper} passes both on to our own client.
 */
public class RemoteClientException extends HystrixBadRequestException {
    private final String service;
    private final String operation;
    private final int status;

    public RemoteClientException(String service, String operation, int status, String message) {
        super(message);
        this.service = service;
        this.operation = operation;
        this.status = status;
    }

    public String service() {
        return service;
    }

    public String operation() {
        return operation;
    }

    public int status() {
        return status;
    }
}
