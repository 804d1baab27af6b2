package io.imagecast.registry.api;

import io.imagecast.registry.domain.NodeNames;
import io.imagecast.registry.service.GroupSettings;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A storage group as sent by an admin; on PUT the name may be omitted (the path names the group). */
@ValidPortWindow
@Schema(name = "GroupRequest", description = "Settings of a storage group")
public record GroupRequest(
        @Pattern(regexp = NodeNames.PATTERN, message = NodeNames.RULE)
        @Schema(description = "DNS-label name; required on POST", examples = "site-a")
        String name,

        @NotNull
        @Size(max = 4096)
        @Pattern(regexp = "^(?!.*(^|/)\\.\\.(/|$))/.*$", message = "must be an absolute path without '..' segments")
        @Schema(description = "Where the group's images live on its nodes", examples = "/images")
        String imageRoot,

        @NotNull @Schema(description = "First session base port (even, >= 1024)", examples = "9000")
        Integer portWindowStart,

        @NotNull @Schema(description = "Last session base port (even, <= 65534)", examples = "9098")
        Integer portWindowEnd,

        @NotEmpty
        @Size(max = 64)
        @Schema(description = "IPv4 multicast CIDR blocks for session data addresses", examples = "[\"239.1.0.0/24\"]")
        List<@NotNull @MulticastCidr String> multicastPool,

        @NotNull @Min(1) @Max(1000) @Schema(description = "Concurrent sessions of the group", examples = "8")
        Integer maxSessions,

        @Schema(description = "Apply a proposed multicast interface without an admin (default false)")
        Boolean autoApplyInterface) {

    GroupSettings toSettings() {
        return new GroupSettings(
                imageRoot,
                portWindowStart,
                portWindowEnd,
                multicastPool,
                maxSessions,
                Boolean.TRUE.equals(autoApplyInterface));
    }
}
