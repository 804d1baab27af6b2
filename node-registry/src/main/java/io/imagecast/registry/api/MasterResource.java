package io.imagecast.registry.api;

import io.imagecast.registry.service.MasterService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The master of a group. Setting it is a command ("make X master"), idempotent and atomic, so it
 * takes no If-Match: whoever sets it last wins, and the database never holds two masters.
 */
@Path("/api/v1/groups/{group}/master")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "master", description = "The one node of a group that sends its multicast sessions")
public class MasterResource {
    @Inject
    MasterService masters;

    @GET
    @RolesAllowed("viewer")
    @Operation(summary = "Get the master of a group (node is null when there is none)")
    public MasterResponse getMaster(@PathParam("group") String group) {
        return new MasterResponse(group, masters.masterOf(group).orElse(null));
    }

    @PUT
    @RolesAllowed("admin")
    @Operation(
            summary = "Make a node the master of its group",
            description = "Atomically unsets the previous master. The node must belong to the group, be enabled and"
                    + " have sent heartbeats (only a node running sender-service can send).")
    @APIResponse(responseCode = "200", description = "The node is master")
    @APIResponse(
            responseCode = "409",
            description = "The node cannot be master; member reason is unknown-node, other-group, disabled or"
                    + " never-heartbeated")
    public MasterResponse setMaster(@PathParam("group") String group, @Valid @NotNull MasterRequest request) {
        return new MasterResponse(group, masters.switchMaster(group, request.node()));
    }

    @DELETE
    @RolesAllowed("admin")
    @Operation(summary = "Leave the group without master (its sessions cannot be sent until one is set)")
    @APIResponse(responseCode = "200", description = "The group has no master")
    public MasterResponse clearMaster(@PathParam("group") String group) {
        masters.clearMaster(group);
        return new MasterResponse(group, null);
    }
}
