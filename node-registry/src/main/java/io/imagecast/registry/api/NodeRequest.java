package io.imagecast.registry.api;

import io.imagecast.registry.domain.NodeNames;
import io.imagecast.registry.service.NodeSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A storage node as sent by an admin; on PUT the name may be omitted (the path names the node). */
@Schema(name = "NodeRequest", description = "Settings of a storage node; the master has its own endpoint")
public record NodeRequest(
        @Pattern(regexp = NodeNames.PATTERN, message = NodeNames.RULE)
        @Schema(
                description = "DNS-label name the node's sender-service heartbeats with; required on POST",
                examples = "store-1")
        String name,

        @Pattern(regexp = NodeNames.PATTERN, message = NodeNames.RULE)
        @Schema(description = "Storage group; null leaves the node unassigned", examples = "site-a")
        String group,

        @IpLiteral @Schema(description = "IP address clients reach the node at", examples = "10.0.0.5")
        String address,

        @Schema(description = "Whether sessions may be placed on the node (default true)")
        Boolean enabled,

        @Pattern(
                regexp = "^( *|[A-Za-z0-9_.-]{1,15})$",
                message = "must be a Linux interface name: 1-15 letters, digits, '_', '.' or '-'; empty clears it")
        @Schema(
                description = "Interface multicast leaves from; see the node's interfaces. Null or blank clears it:"
                        + " the node then starts no new session (its sender refuses them) until one is set",
                examples = "enp3s0")
        String multicastInterface,

        @Positive @Schema(description = "Bitrate cap of one session in bit/s", examples = "900000000")
        Long maxBitrateBps,

        @NotNull @Min(1) @Max(1000) @Schema(description = "Concurrent sessions on this node", examples = "4")
        Integer maxSessions) {

    NodeSettings toSettings() {
        return new NodeSettings(
                group,
                address,
                enabled == null || enabled,
                multicastInterface == null || multicastInterface.isBlank() ? null : multicastInterface,
                maxBitrateBps,
                maxSessions);
    }
}
