package dev.fleet.platform.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Malformed JSON and wrong types become a 400 that names the field and what was expected,
 * instead of Dropwizard's generic "Unable to process JSON".
 */
public class JsonBodyErrorMapper implements ExceptionMapper<JsonProcessingException> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonBodyErrorMapper.class);

    @Override
    public Response toResponse(JsonProcessingException e) {
        if (e instanceof InvalidDefinitionException) {
            // Our own type could not be (de)serialized: a server bug, not the client's fault.
            LOG.error("JSON mapping is broken", e);
            return respond(500, "There was an error processing your request.");
        }
        return respond(400, describe(e));
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown field '" + path(u) + "'";
        }
        if (e instanceof InvalidFormatException f) {
            return "field '" + path(f) + "' must be " + expectation(f.getTargetType()) + ", got '"
                    + Problems.abbreviate(String.valueOf(f.getValue())) + "'";
        }
        if (e instanceof ValueInstantiationException v) {
            String cause = v.getCause() == null ? "invalid value" : v.getCause().getMessage();
            return "invalid request body: " + cause;
        }
        if (e instanceof MismatchedInputException m) {
            String path = path(m);
            return path.isEmpty()
                    ? "request body must be a JSON " + (m.getTargetType() != null && m.getTargetType().isArray() ? "array" : "object")
                    : "field '" + path + "' must be " + expectation(m.getTargetType());
        }
        if (e instanceof StreamReadException r && r.getLocation() != null) {
            return "malformed JSON at line " + r.getLocation().getLineNr() + ", column " + r.getLocation().getColumnNr();
        }
        return "malformed JSON";
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String expectation(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        if (Number.class.isAssignableFrom(type) || type == BigDecimal.class || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "a date as YYYY-MM-DD";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a JSON " + (type.isArray() || Iterable.class.isAssignableFrom(type) ? "array" : "object");
    }

    private static Response respond(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, message)).build();
    }
}
