package io.imagecast.registry.api;

import io.imagecast.registry.service.DiagnosisService;
import io.imagecast.registry.service.NodeMover;
import io.imagecast.registry.service.NodeService;
import io.imagecast.registry.service.NodeView;
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

@Path("/api/v1/nodes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "nodes", description = "Storage nodes, their observed interfaces and their diagnosis")
public class NodeResource {
    @Inject
    NodeService nodes;

    @Inject
    DiagnosisService diagnoses;

    @Inject
    NodeMover mover;

    @Inject
    PageLimits limits;

    @Context
    UriInfo uriInfo;

    @GET
    @RolesAllowed("viewer")
    @Operation(summary = "List storage nodes in name order, optionally of one group (cursor pagination)")
    public Response listNodes(
            @QueryParam("group") String group,
            @QueryParam("cursor") String cursor,
            @QueryParam("limit") Integer limit) {
        return CursorPages.respond(
                nodes.list(group, Cursors.decode(cursor), limits.resolve(limit)), NodeResponse::of, uriInfo);
    }

    @POST
    @RolesAllowed("admin")
    @Operation(summary = "Register a storage node")
    @APIResponse(
            responseCode = "201",
            description = "Created; Location and ETag headers set",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = NodeResponse.class)))
    @APIResponse(responseCode = "400", description = "Invalid settings or unknown group")
    @APIResponse(responseCode = "409", description = "Node exists, or its group's ports overlap on the same host")
    public Response registerNode(@Valid @NotNull NodeRequest request) {
        NodeView created = nodes.create(RequestNames.required(request.name()), request.toSettings());
        return VersionedResponses.created(
                uriInfo, created.node().name, NodeResponse.of(created), created.node().version);
    }

    @GET
    @Path("{name}")
    @RolesAllowed("viewer")
    @Operation(summary = "Get a storage node with its status; the ETag header is needed to change it")
    @APIResponse(
            responseCode = "200",
            description = "The node with its status; ETag header set",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = NodeResponse.class)))
    @APIResponse(responseCode = "404", description = "No such node")
    public Response getNode(@PathParam("name") String name) {
        NodeView view = nodes.get(name);
        return VersionedResponses.ok(NodeResponse.of(view), view.node().version);
    }

    @PUT
    @Path("{name}")
    @RolesAllowed("admin")
    @Operation(summary = "Replace a storage node's settings (If-Match required)")
    @APIResponse(
            responseCode = "200",
            description = "Updated; new ETag",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = NodeResponse.class)))
    @APIResponse(responseCode = "409", description = "A master cannot leave its group or be disabled; port overlap")
    @APIResponse(responseCode = "412", description = "If-Match does not match the current ETag")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response updateNode(
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull NodeRequest request) {
        RequestNames.requireMatchesPath(request.name(), name, "node");
        Long expected = EntityTags.requiredVersion(ifMatch, "storage node " + name);
        NodeView updated = nodes.update(name, request.toSettings(), expected);
        return VersionedResponses.ok(NodeResponse.of(updated), updated.node().version);
    }

    @DELETE
    @Path("{name}")
    @RolesAllowed("admin")
    @Operation(summary = "Remove a storage node (If-Match required); publishes a removed event")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response removeNode(@PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        nodes.delete(name, EntityTags.requiredVersion(ifMatch, "storage node " + name));
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/move")
    @RolesAllowed("admin")
    @Operation(
            summary = "Move a node to another group, optionally as its master, in one transaction (If-Match required)",
            description = "With master=true the node becomes the target group's master and the group's previous"
                    + " master is no longer one; the node must be enabled and have sent heartbeats. A master may"
                    + " leave its group this way: that group is then without master (previousGroupWithoutMaster)."
                    + " The node's interface, address and limits stay as they are.")
    @APIResponse(
            responseCode = "200",
            description = "Moved; the ETag header is the node's new version",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MoveResponse.class)))
    @APIResponse(responseCode = "400", description = "No such target group, or an invalid body")
    @APIResponse(
            responseCode = "409",
            description = "master-not-eligible (disabled, never heartbeated) or port-window-overlap on the node's host")
    @APIResponse(responseCode = "412", description = "If-Match does not match the node's current ETag")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response moveNode(
            @PathParam("name") String name,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid @NotNull MoveRequest request) {
        Long expected = EntityTags.requiredVersion(ifMatch, "storage node " + name);
        NodeMover.Moved moved = mover.move(name, request.group(), request.asMaster(), expected);
        return VersionedResponses.ok(MoveResponse.of(moved), moved.node().node().version);
    }

    @GET
    @Path("{name}/interfaces")
    @RolesAllowed("viewer")
    @Operation(
            summary = "The node's network interfaces as it reports them, and the proposed multicast interface",
            description = "Interfaces that vanished from the latest heartbeat are listed with present=false.")
    public InterfacesResponse listNodeInterfaces(@PathParam("name") String name) {
        return InterfacesResponse.of(diagnoses.interfacesOf(name));
    }

    @POST
    @Path("{name}/interfaces/proposal/apply")
    @RolesAllowed("admin")
    @Operation(summary = "Set the node's multicast interface to the proposed one (If-Match required)")
    @APIResponse(responseCode = "200", description = "Applied; new ETag")
    @APIResponse(responseCode = "409", description = "There is no proposal for this node")
    public Response applyInterfaceProposal(
            @PathParam("name") String name, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        NodeView updated =
                nodes.applyProposedInterface(name, EntityTags.requiredVersion(ifMatch, "storage node " + name));
        return VersionedResponses.ok(NodeResponse.of(updated), updated.node().version);
    }

    @GET
    @Path("{name}/diagnosis")
    @RolesAllowed("viewer")
    @Operation(
            summary = "Compare the node's configuration with reality",
            description = "Every problem with its fix: interface not found (with candidates), down, without IPv4,"
                    + " not multicast-capable, node offline or never heard from, group without master, storage"
                    + " root missing or unreadable.")
    public DiagnosisResponse diagnoseNode(@PathParam("name") String name) {
        return DiagnosisResponse.of(diagnoses.diagnose(name));
    }
}
