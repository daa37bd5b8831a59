package dev.fleet.platform.errors;

import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.List;

/**
 * Bean Validation failures as {@code {"code":422,"message":…,"errors":[one entry per field]}}: Dropwizard's
 * wording per field, wrapped in the same shape as every other Fleet error.
 */
public class ViolationErrorMapper implements ExceptionMapper<JerseyViolationException> {

    @Override
    public Response toResponse(JerseyViolationException e) {
        List<String> errors = e.getConstraintViolations().stream()
                .map(v -> ConstraintMessage.getMessage(v, e.getInvocable()))
                .sorted()
                .toList();
        int status = ConstraintMessage.determineStatus(e.getConstraintViolations(), e.getInvocable());
        ApiException failure = status == 422 ? ApiException.unprocessable(errors) : new ApiException(status, String.join("; ", errors), errors);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(failure.toError()).build();
    }
}
