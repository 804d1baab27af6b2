package io.imagecast.service.problem;

import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Anything unforeseen: logged with an id the client can quote; no internals leave the server. A
 * database that is down or out of connections is no bug: 503 with Retry-After.
 */
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
        if (DatabaseUnavailable.isCause(exception)) {
            return databaseUnavailable(exception, uriInfo);
        }
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

    private static Response databaseUnavailable(Throwable exception, UriInfo uriInfo) {
        // One line, no stack trace: while the database is down every request would log one.
        LOG.warnf("database unavailable on %s: %s", ProblemResponses.instance(uriInfo), rootMessage(exception));
        Response problem = ProblemResponses.of(
                503,
                "database-unavailable",
                "Database unavailable",
                "the database cannot serve this request right now (down, restarting or out of connections);"
                        + " retry in " + DatabaseUnavailable.RETRY_AFTER_SECONDS + " s",
                uriInfo,
                Map.of());
        return Response.fromResponse(problem)
                .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .build();
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
