package io.imagecast.service.problem;

import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Quarkus' own mapper for this answers 500 with an empty body; ours keeps it a problem document. */
@Provider
public class InvalidDefinitionMapper implements ExceptionMapper<InvalidDefinitionException> {
    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(InvalidDefinitionException exception) {
        return UnexpectedErrorMapper.internalError(exception, uriInfo);
    }
}
