package io.imagecast.registry.api;

import io.imagecast.registry.service.NodeMover;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MoveResponse", description = "The moved node, and the group it left")
public record MoveResponse(
        NodeResponse node,

        @Schema(description = "The group the node left; null when it had none")
        String previousGroup,

        @Schema(description = "true when the node was the previous group's master: that group has none now")
        boolean previousGroupWithoutMaster) {
    static MoveResponse of(NodeMover.Moved moved) {
        return new MoveResponse(NodeResponse.of(moved.node()), moved.previousGroup(), moved.previousGroupLostMaster());
    }
}
