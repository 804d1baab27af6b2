package io.imagecast.registry.api;

import io.imagecast.registry.domain.NodeNames;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record MasterRequest(
        @NotNull
        @Pattern(regexp = NodeNames.PATTERN, message = NodeNames.RULE)
        @Schema(
                description =
                        "The node that becomes master; it must be in the group, enabled and have" + " sent heartbeats",
                examples = "store-1")
        String node) {}
