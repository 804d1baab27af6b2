package io.imagecast.registry.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Responses carrying a versioned entity: its ETag is what a later If-Match must send. */
final class VersionedResponses {
    private VersionedResponses() {}

    static Response ok(Object entity, long version) {
        return Response.ok(entity).tag(EntityTags.of(version)).build();
    }

    /** 201 with the new resource's Location (the collection path plus its name) and ETag. */
    static Response created(UriInfo uriInfo, String name, Object entity, long version) {
        return Response.created(uriInfo.getAbsolutePathBuilder().path(name).build())
                .tag(EntityTags.of(version))
                .entity(entity)
                .build();
    }
}
