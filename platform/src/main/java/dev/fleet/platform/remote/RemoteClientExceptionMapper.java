package dev.fleet.platform.remote;

import dev.fleet.platform.errors.ApiError;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** A remote 4xx the adapter did not handle → the same status, message and errors for our client. */
public class RemoteClientExceptionMapper implements ExceptionMapper<RemoteClientException> {

    @Override
    public Response toResponse(RemoteClientException e) {
        return Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(e.status(), e.getMessage(), e.errors()))
                .build();
    }
}
