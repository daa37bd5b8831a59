package dev.fleet.platform.errors;

import java.util.List;

/**
 * A failure the client caused or must know about, with the HTTP status it maps to. Domain code throws
 * it; {@link ApiExceptionMapper} turns it into an {@link ApiError}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<String> errors;

    public ApiException(int status, String message) {
        this(status, message, List.of());
    }

    public ApiException(int status, String message, List<String> errors) {
        super(message);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    /** A request that is well-formed but names impossible or unknown things: 422 listing every problem. */
    public static ApiException unprocessable(List<String> errors) {
        String message = errors.size() == 1 ? errors.get(0) : errors.size() + " problems: " + String.join("; ", errors);
        return new ApiException(422, message, errors);
    }

    public static ApiException unprocessable(String error) {
        return unprocessable(List.of(error));
    }

    public int status() {
        return status;
    }

    public List<String> errors() {
        return errors;
    }

    public ApiError toError() {
        return new ApiError(status, getMessage(), errors);
    }
}
