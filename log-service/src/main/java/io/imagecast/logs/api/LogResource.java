package io.imagecast.logs.api;

import io.imagecast.logs.domain.Cursor;
import io.imagecast.logs.domain.LogLine;
import io.imagecast.logs.domain.Selector;
import io.imagecast.logs.service.LogLineView;
import io.imagecast.logs.service.LogPage;
import io.imagecast.logs.service.LogQueryService;
import io.imagecast.logs.service.TailEvent;
import io.imagecast.logs.service.TailHub;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Instant;
import java.util.List;

@Path("/api/v1/logs")
@RolesAllowed("viewer")
public class LogResource {
    private final LogQueryService queries;
    private final TailHub tail;

    public LogResource(LogQueryService queries, TailHub tail) {
        this.queries = queries;
        this.tail = tail;
    }

    /** Lines matching every given filter, newest first, one page at a time. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public LogPage searchLogs(
            @QueryParam("service") List<String> services,
            @QueryParam("node") List<String> nodes,
            @QueryParam("session") List<String> sessions,
            @QueryParam("level") List<String> levels,
            @QueryParam("contains") String contains,
            @QueryParam("regex") String regex,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        return queries.guarded(() -> {
            Selector selector = RestFilters.selector(services, nodes, sessions, levels, contains, regex);
            Instant end = RestFilters.instant("to", to, Instant.now());
            Instant start = RestFilters.instant("from", from, queries.oldestKept(end));
            return queries.page(
                    selector, start, end, limit, cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor));
        });
    }

    /**
     * Live tail: every newly stored line matching the filters, as Server-Sent Events (JSON data,
     * default event name). A client too slow to keep up gets a {@code missed} event instead of the
     * lines it lost.
     */
    @GET
    @Path("/tail")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> tailLogs(
            @Context Sse sse,
            @QueryParam("service") List<String> services,
            @QueryParam("node") List<String> nodes,
            @QueryParam("session") List<String> sessions,
            @QueryParam("level") List<String> levels,
            @QueryParam("contains") String contains,
            @QueryParam("regex") String regex) {
        Selector selector =
                queries.guarded(() -> RestFilters.selector(services, nodes, sessions, levels, contains, regex));
        return tail.follow(selector).map(event -> toSse(sse, event));
    }

    private static OutboundSseEvent toSse(Sse sse, TailEvent event) {
        if (event instanceof TailEvent.Missed missed) {
            return sse.newEventBuilder()
                    .name("missed")
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(TailMissed.class, new TailMissed(missed.lines(), missed.from(), missed.to()))
                    .build();
        }
        LogLine line = ((TailEvent.Line) event).line();
        return sse.newEventBuilder()
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(LogLineView.class, LogLineView.of(line))
                .build();
    }
}
