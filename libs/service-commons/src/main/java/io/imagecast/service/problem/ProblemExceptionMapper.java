package io.imagecast.service.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ProblemException exception) {
        return respond(exception, uriInfo);
    }

    /** The answer to a problem, for mappers that translate another exception into one. */
    public static Response respond(ProblemException exception, UriInfo uriInfo) {
        Response problem = ProblemResponses.of(exception.toProblem(ProblemResponses.instance(uriInfo)));
        if (exception.retryAfterSeconds() == null) {
            return problem;
        }
        return Response.fromResponse(problem)
                .header(HttpHeaders.RETRY_AFTER, exception.retryAfterSeconds())
                .build();
    }
}
