package io.imagecast.registry.api;

import io.imagecast.registry.domain.NodeNames;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "MoveRequest", description = "Where a node goes, and whether it becomes that group's master")
public record MoveRequest(
        @NotNull
        @Pattern(regexp = NodeNames.PATTERN, message = NodeNames.RULE)
        @Schema(description = "The storage group the node moves to", examples = "site-b")
        String group,

        @Schema(
                description = "true makes the node the group's master in the same transaction (the group's"
                        + " previous master, if any, is no longer master); default false")
        Boolean master) {

    boolean asMaster() {
        return Boolean.TRUE.equals(master);
    }
}
