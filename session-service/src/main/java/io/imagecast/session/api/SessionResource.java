package io.imagecast.session.api;

import io.imagecast.service.problem.InstantRange;
import io.imagecast.session.domain.SessionState;
import io.imagecast.session.service.CreateSessionRequest;
import io.imagecast.session.service.Cursor;
import io.imagecast.session.service.Problems;
import io.imagecast.session.service.SessionFilter;
import io.imagecast.session.service.SessionPage;
import io.imagecast.session.service.SessionRetries;
import io.imagecast.session.service.SessionService;
import io.imagecast.session.service.SessionStream;
import io.imagecast.session.service.SessionView;
import io.imagecast.session.service.TransactionRetry;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    static final int MAX_PAGE = 200;
    private static final String FORTY_CLIENTS = "{\"name\": \"lab-3 win11\", \"image\": {\"dir\": \"win11\"},"
            + " \"storageGroup\": \"site-a\", \"expectedReceivers\": 40, \"maxWaitSeconds\": 600}";
    private static final String NAMED_HOSTS = "{\"name\": \"room-2 ubuntu\", \"image\": {\"dir\": \"ubuntu-24\","
            + " \"files\": [\"d1p1.img\", \"d1p2.img\"]}, \"storageGroup\": \"site-a\", \"hosts\":"
            + " [{\"name\": \"pc-01\", \"mac\": \"00:11:22:33:44:01\"}, {\"ip\": \"10.0.0.12\"}],"
            + " \"minWaitSeconds\": 30, \"maxWaitSeconds\": 300, \"duplex\": \"FULL\"}";

    @Context
    UriInfo uriInfo;

    @Context
    SecurityContext security;

    private final SessionService service;
    private final SessionRetries retries;
    private final SessionStream stream;

    public SessionResource(SessionService service, SessionRetries retries, SessionStream stream) {
        this.service = service;
        this.retries = retries;
        this.stream = stream;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("operator")
    @APIResponse(
            responseCode = "201",
            description = "Created, Location names the session; also the answer to a retry with the same"
                    + " Idempotency-Key and body (Idempotent-Replayed: true)")
    @APIResponse(responseCode = "409", description = "name-in-use, or a group that cannot send now (diagnosis)")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request")
    public Response createSession(
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            examples = {
                                                @ExampleObject(name = "forty clients", value = FORTY_CLIENTS),
                                                @ExampleObject(name = "named hosts", value = NAMED_HOSTS)
                                            }))
                    @NotNull
                    @Valid
                    CreateSessionRequest request) {
        if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7e]{1,128}")) {
            throw Problems.invalid("Idempotency-Key", "must be 1 to 128 printable ASCII characters without spaces");
        }
        String caller = caller();
        SessionService.Created created = TransactionRetry.call(
                "creation of session '" + request.name() + "'", () -> service.create(request, idempotencyKey, caller));
        return Response.created(uriInfo.getBaseUriBuilder()
                        .path(SessionResource.class)
                        .path(created.session().id().toString())
                        .build())
                .header("Idempotent-Replayed", created.replayed())
                .entity(created.session())
                .build();
    }

    @GET
    @RolesAllowed("viewer")
    public Response listSessions(
            @QueryParam("state") List<String> states,
            @QueryParam("group") String group,
            @QueryParam("node") String node,
            @QueryParam("name") String name,
            @QueryParam("createdAfter") String createdAfter,
            @QueryParam("createdBefore") String createdBefore,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") String limit) {
        SessionFilter filter = new SessionFilter(
                parseStates(states),
                bounded("group", group),
                bounded("node", node),
                bounded("name", name),
                instant("createdAfter", createdAfter),
                instant("createdBefore", createdBefore),
                cursor == null ? null : Cursor.decode(cursor),
                pageSize(limit));
        SessionPage page = service.list(filter);
        Response.ResponseBuilder response = Response.ok(page);
        if (page.nextCursor() != null) {
            response.link(
                    uriInfo.getRequestUriBuilder()
                            .replaceQueryParam("cursor", page.nextCursor())
                            .build(),
                    "next");
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed("viewer")
    public SessionView getSession(@PathParam("id") String id) {
        return service.get(uuid(id));
    }

    @GET
    @Path("{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed("viewer")
    @Blocking
    public Multi<OutboundSseEvent> followSession(@PathParam("id") String id, @Context Sse sse) {
        UUID sessionId = uuid(id);
        return stream.follow(sessionId, () -> service.get(sessionId)) // 404 before the stream opens
                .map(view -> sse.newEventBuilder()
                        .name("session")
                        .id(Long.toString(view.version()))
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(SessionView.class, view)
                        .build());
    }

    @POST
    @Path("{id}/cancel")
    @RolesAllowed("operator")
    public SessionView cancelSession(@PathParam("id") String id) {
        UUID sessionId = uuid(id);
        String caller = caller();
        return TransactionRetry.call("cancel of session " + sessionId, () -> service.cancel(sessionId, caller));
    }

    /**
     * A follow-up session for the hosts this one missed (dropped, never came, cancelled): same image,
     * group and settings, linked both ways. Asking again answers the same follow-up (200, replayed).
     */
    @POST
    @Path("{id}/retry")
    @RolesAllowed("operator")
    @APIResponse(responseCode = "201", description = "The follow-up session; Location names it")
    @APIResponse(responseCode = "200", description = "The follow-up created earlier (Idempotent-Replayed: true)")
    @APIResponse(responseCode = "409", description = "session-active, nothing-to-retry, or a group that cannot send")
    public Response retrySession(@PathParam("id") String id) {
        UUID sessionId = uuid(id);
        String caller = caller();
        SessionService.Created created =
                TransactionRetry.call("retry of session " + sessionId, () -> retries.retry(sessionId, caller));
        Response.ResponseBuilder response = created.replayed()
                ? Response.ok()
                : Response.created(uriInfo.getBaseUriBuilder()
                        .path(SessionResource.class)
                        .path(created.session().id().toString())
                        .build());
        return response.header("Idempotent-Replayed", created.replayed())
                .entity(created.session())
                .build();
    }

    @DELETE
    @Path("{id}/hosts/{host}")
    @RolesAllowed("operator")
    public Response dropHost(@PathParam("id") String id, @PathParam("host") String host) {
        if (host == null || host.isBlank() || host.length() > 128) {
            throw Problems.invalid("host", "must be a host name, IP or MAC of at most 128 characters");
        }
        UUID sessionId = uuid(id);
        String caller = caller();
        SessionService.DropOutcome outcome = TransactionRetry.call(
                "drop of host " + host + " from session " + sessionId, () -> service.dropHost(sessionId, host, caller));
        return Response.status(outcome.commandSent() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(outcome.session())
                .build();
    }

    @DELETE
    @RolesAllowed("admin")
    public PurgeResult purgeSessions(@QueryParam("finishedBefore") String finishedBefore) {
        Instant cutoff = instant("finishedBefore", finishedBefore);
        if (cutoff == null) {
            throw Problems.invalid("finishedBefore", "is required, e.g. finishedBefore=2026-01-31T00:00:00Z");
        }
        return new PurgeResult(service.purge(cutoff), cutoff);
    }

    private String caller() {
        return security.getUserPrincipal() == null
                ? "anonymous"
                : security.getUserPrincipal().getName();
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problems.notASessionId(truncate(id));
        }
    }

    private static Set<SessionState> parseStates(List<String> values) {
        Set<SessionState> states = EnumSet.noneOf(SessionState.class);
        for (String value : values == null ? List.<String>of() : values) {
            for (String part : value.split(",")) {
                try {
                    states.add(SessionState.valueOf(part.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw Problems.invalid(
                            "state", "'" + truncate(part) + "' is not one of " + List.of(SessionState.values()));
                }
            }
        }
        return states;
    }

    private static String bounded(String field, String value) {
        if (value != null && value.length() > 128) {
            throw Problems.invalid(field, "must be at most 128 characters");
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Instant instant = Instant.parse(value);
            if (InstantRange.contains(instant)) {
                return instant;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw Problems.invalid(field, InstantRange.RULE);
    }

    private static int pageSize(String limit) {
        if (limit == null) {
            return 50;
        }
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= MAX_PAGE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw Problems.invalid("limit", "must be a whole number from 1 to " + MAX_PAGE);
    }

    private static String truncate(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "..." : text;
    }
}
