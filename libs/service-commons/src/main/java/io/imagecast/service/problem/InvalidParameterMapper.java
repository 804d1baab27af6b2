package io.imagecast.service.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Map;

/** The same {@code validation-failed} problem as Bean Validation gives, naming the parameter. */
@Provider
public class InvalidParameterMapper implements ExceptionMapper<InvalidParameterException> {
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(InvalidParameterException exception) {
        return ProblemResponses.of(
                400,
                "validation-failed",
                "The request is invalid",
                exception.getMessage(),
                uriInfo,
                Map.of("errors", List.of(new FieldViolation(exception.parameter(), exception.rule()))));
    }
}
