package io.imagecast.registry.api;

import io.imagecast.registry.service.Problems;
import io.imagecast.service.problem.ProblemException;
import io.imagecast.service.problem.ProblemExceptionMapper;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.hibernate.exception.ConstraintViolationException;

/**
 * A database constraint that caught a race the services' own checks could not, e.g. a node created
 * through the API at the instant its first heartbeat registered it: a conflict, never a 500.
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
        if (constraint.contains("storage_node_pkey")) {
            return Problems.conflict(
                    "node-exists",
                    "Storage node exists",
                    "a storage node of this name was registered at the same moment (perhaps discovered from its"
                            + " heartbeats); change it with PUT and its ETag in If-Match");
        }
        return Problems.conflict("conflict", "Conflict", "the request conflicts with a concurrent change; retry it");
    }
}
