package io.imagecast.registry.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

final class Links {
    private Links() {}

    /** A 200 page response, with a {@code Link: <...>; rel="next"} header when there is more. */
    static <T> Response page(PageResponse<T> page, UriInfo uriInfo) {
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
