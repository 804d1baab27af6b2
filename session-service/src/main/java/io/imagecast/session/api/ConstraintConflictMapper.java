package io.imagecast.session.api;

import io.imagecast.service.problem.ProblemException;
import io.imagecast.service.problem.ProblemExceptionMapper;
import io.imagecast.session.service.Problems;
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
        return ProblemExceptionMapper.respond(problemFor(exception.getConstraintName()), uriInfo);
    }

    static ProblemException problemFor(String constraintName) {
        String constraint = constraintName == null ? "" : constraintName;
        if (constraint.contains("session_active_name")) {
            return Problems.nameTakenConcurrently();
        }
        if (constraint.contains("session_idempotency")) {
            return Problems.idempotencyKeyInFlight();
        }
        return Problems.conflict();
    }
}
