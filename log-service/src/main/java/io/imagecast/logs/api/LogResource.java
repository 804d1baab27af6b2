package io.imagecast.logs.api;

import io.imagecast.logs.domain.Cursor;
import io.imagecast.logs.domain.Selector;
import io.imagecast.logs.service.LogQueryService;
import io.imagecast.logs.service.TailHub;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;

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
    public LogPage search(
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

    /** Live tail: every newly stored line matching the filters, as Server-Sent Events. */
    @GET
    @Path("/tail")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<LogLineView> tail(
            @QueryParam("service") List<String> services,
            @QueryParam("node") List<String> nodes,
            @QueryParam("session") List<String> sessions,
            @QueryParam("level") List<String> levels,
            @QueryParam("contains") String contains,
            @QueryParam("regex") String regex) {
        Selector selector =
                queries.guarded(() -> RestFilters.selector(services, nodes, sessions, levels, contains, regex));
        return tail.follow(selector).map(LogLineView::of);
    }
}
