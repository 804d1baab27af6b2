package io.imagecast.session.api;

import io.imagecast.service.problem.Problem;
import io.imagecast.service.problem.ProblemException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.hibernate.exception.ConstraintViolationException;

/**
 * A database constraint that caught a race the code's own checks could not (two requests with the
 * same name or Idempotency-Key at the same instant): a conflict the client may retry.
 */
@Provider
public class ConstraintConflictMapper implements ExceptionMapper<ConstraintViolationException> {
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(ConstraintViolationException exception) {
        String constraint = exception.getConstraintName() == null ? "" : exception.getConstraintName();
        ProblemException problem;
        if (constraint.contains("session_active_name")) {
            problem = new ProblemException(
                    409, "name-in-use", "Session name in use", "an active session already has this name");
        } else if (constraint.contains("session_idempotency")) {
            problem = new ProblemException(
                    409,
                    "idempotency-key-in-flight",
                    "Request in progress",
                    "a request with this Idempotency-Key is being processed; retry to get its result");
        } else {
            problem = new ProblemException(
                    409, "conflict", "Conflict", "the request conflicts with a concurrent change; retry it");
        }
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.toProblem(uriInfo.getRequestUri().getRawPath()))
                .build();
    }
}
