package io.imagecast.sender.api;

import io.imagecast.sender.service.Problems;
import io.imagecast.sender.service.TransferRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** The transfers this node runs (and recently ran), with live progress. */
@Path("/api/v1/transfers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("viewer")
public class TransferResource {
    private final TransferRegistry registry;

    public TransferResource(TransferRegistry registry) {
        this.registry = registry;
    }

    @GET
    public List<TransferResponse> listTransfers() {
        return registry.snapshots().stream().map(TransferResponse::from).toList();
    }

    @GET
    @Path("/{sessionId}")
    public TransferResponse getTransfer(@PathParam("sessionId") UUID sessionId) {
        return registry.snapshot(sessionId)
                .map(TransferResponse::from)
                .orElseThrow(() -> Problems.transferNotFound(sessionId));
    }
}
