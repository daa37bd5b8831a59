package dev.fleet.platform.errors;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The JSON body of every error Fleet answers: Dropwizard's {@code {"code","message"}} plus, for
 * validation failures, one entry per problem in {@code errors}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int code, String message, List<String> errors) {

    public ApiError(int code, String message) {
        this(code, message, List.of());
    }
}
