package io.imagecast.registry.api;

import io.imagecast.registry.service.GroupService;
import io.imagecast.registry.service.GroupView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "groups", description = "Storage groups: image root, session ports and multicast addresses")
public class GroupResource {
    @Inject
    GroupService groups;

    @Inject
    PageLimits limits;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed("viewer")
    @Operation(summary = "List storage groups in name order (cursor pagination)")
    public Response listGroups(@QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
        return CursorPages.respond(
                groups.list(Cursors.decode(cursor), limits.resolve(limit)), GroupResponse::of, uriInfo);
    }

    @POST
    @RolesAllowed("admin")
    @Operation(summary = "Create a storage group")
    @APIResponse(
            responseCode = "201",
            description = "Created; Location and ETag headers set",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = GroupResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid settings (problem+json with errors)")
    @APIResponse(responseCode = "409", description = "A group with that name exists")
    public Response createGroup(@Valid @NotNull GroupRequest request) {
        GroupView created = groups.create(RequestNames.required(request.name()), request.toSettings());
        return VersionedResponses.created(
                uriInfo, created.group().name, GroupResponse.of(created), created.group().version);
    }

    @GET
    @Path("{name}")
    @RolesAllowed("viewer")
    @Operation(summary = "Get a storage group; the ETag header is needed to change it")
    @APIResponse(
            responseCode = "200",
            description = "The group; ETag header set",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = GroupResponse.class)))
    @APIResponse(responseCode = "404", description = "No such group")
    public Response getGroup(@PathParam("name") String name) {
        GroupView view = groups.get(name);
        return VersionedResponses.ok(GroupResponse.of(view), view.group().version);
    }

    @PUT
    @Path("{name}")
    @RolesAllowed("admin")
    @Operation(
            summary = "Replace a storage group's settings",
            description = "Requires If-Match with the group's ETag. Publishes a configured event for every node"
                    + " of the group.")
    @APIResponse(
            responseCode = "200",
            description = "Updated; new ETag",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = GroupResponse.class)))
    @APIResponse(responseCode = "409", description = "Port window overlaps a group sharing a host")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response updateGroup(
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull GroupRequest request) {
        RequestNames.requireMatchesPath(request.name(), name, "group");
        Long expected = EntityTags.requiredVersion(ifMatch, "storage group " + name);
        GroupView updated = groups.update(name, request.toSettings(), expected);
        return VersionedResponses.ok(GroupResponse.of(updated), updated.group().version);
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed("admin")
    @Operation(summary = "Delete an empty storage group (If-Match required)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The group still has nodes")
    public Response deleteGroup(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        groups.delete(name, EntityTags.requiredVersion(ifMatch, "storage group " + name));
        return Response.noContent().build();
    }
}
