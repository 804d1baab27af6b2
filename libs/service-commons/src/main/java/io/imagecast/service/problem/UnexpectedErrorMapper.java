package io.imagecast.service.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Anything unforeseen: logged with an id the client can quote; no internals leave the server. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class);

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable exception) {
        return internalError(exception, uriInfo);
    }

    static Response internalError(Throwable exception, UriInfo uriInfo) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(exception, "unexpected error %s on %s", errorId, ProblemResponses.instance(uriInfo));
        return ProblemResponses.of(
                500,
                "internal-error",
                "Internal error",
                "an unexpected error occurred; quote error id " + errorId + " when reporting it",
                uriInfo,
                Map.of("errorId", errorId));
    }
}
