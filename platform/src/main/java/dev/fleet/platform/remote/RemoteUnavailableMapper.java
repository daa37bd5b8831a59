package dev.fleet.platform.remote;

import dev.fleet.platform.errors.ApiError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** {@link RemoteUnavailableException} → 503, {@code Retry-After: <seconds>}, {@code {"code":503,"message":…}}. */
public class RemoteUnavailableMapper implements ExceptionMapper<RemoteUnavailableException> {

    @Override
    public Response toResponse(RemoteUnavailableException e) {
        return Response.status(503)
                .header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(503, e.getMessage()))
                .build();
    }
}
