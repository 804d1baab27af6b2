package io.imagecast.logs.api;

import io.imagecast.logs.service.LogQueryService;
import io.imagecast.logs.service.Problems;
import io.imagecast.logs.service.SessionLogFormatter;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

@Path("/api/v1/sessions/{id}/log")
@RolesAllowed("viewer")
public class SessionLogResource {
    private final LogQueryService queries;
    private final SessionLogFormatter formatter;

    public SessionLogResource(LogQueryService queries, SessionLogFormatter formatter) {
        this.queries = queries;
        this.formatter = formatter;
    }

    /** Every line of a session, oldest first, in the multicast.log style FOG admins know. */
    @GET
    @Produces("text/plain; charset=utf-8")
    public Response downloadSessionLog(@PathParam("id") String sessionId) {
        if (sessionId.length() > 200 || sessionId.isBlank()) {
            throw Problems.invalidSessionId();
        }
        if (!queries.sessionHasLines(sessionId)) {
            throw Problems.sessionLogNotFound(sessionId);
        }
        StreamingOutput body = output -> {
            BufferedWriter writer =
                    new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
            try {
                queries.forEachSessionLine(sessionId, line -> {
                    try {
                        writer.write(formatter.format(line));
                    } catch (java.io.IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
        String fileName = "multicast.log." + sessionId.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(body)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"")
                .build();
    }
}
