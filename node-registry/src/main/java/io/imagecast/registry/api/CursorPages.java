package io.imagecast.registry.api;

import io.imagecast.registry.service.PageSlice;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.function.Function;

/** Turns a keyset page from a service into the REST page with its opaque next cursor. */
final class CursorPages {
    private CursorPages() {}

    /** A 200 page response, with a {@code Link: <...>; rel="next"} header when there is more. */
    static <V, R> Response respond(PageSlice<V> slice, Function<V, R> toItem, UriInfo uriInfo) {
        PageResponse<R> page =
                new PageResponse<>(slice.items().stream().map(toItem).toList(), Cursors.encode(slice.lastKey()));
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
}
