package dev.fleet.platform.remote;

import com.netflix.hystrix.exception.HystrixBadRequestException;

import java.util.List;

/**
 * The remote answered 4xx: the caller's request was wrong, the remote is healthy. A HystrixBadRequestException, so it
 * neither counts as a failure nor triggers the fallback. Carries the status, the remote's JSON {@code message} and its
 * {@code errors} list (empty when it had none); {@link RemoteClientExceptionMapper} passes them on to our own client,
 * so a bad request answers the same whether the module runs in process or remote.
 */
public class RemoteClientException extends HystrixBadRequestException {
    private final String service;
    private final String operation;
    private final int status;
    private final List<String> errors;

    public RemoteClientException(String service, String operation, int status, String message) {
        this(service, operation, status, message, List.of());
    }

    public RemoteClientException(String service, String operation, int status, String message, List<String> errors) {
        super(message);
        this.service = service;
        this.operation = operation;
        this.status = status;
        this.errors = List.copyOf(errors);
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

    /** The remote's {@code errors} (one entry per problem), empty when its answer had none. */
    public List<String> errors() {
        return errors;
    }
}
