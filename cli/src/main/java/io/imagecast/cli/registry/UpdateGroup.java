package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "update",
        description = "Change a storage group's settings (admin); flags not given keep their value."
                + " Written with If-Match from a fresh read.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast groups update site-a --max-sessions 12")
final class UpdateGroup extends RegistryApi {
    @Parameters(paramLabel = "GROUP", description = "Group name")
    String name;

    @Mixin
    GroupSettings settings;

    @Override
    protected int run() {
        JsonNode group = versioned()
                .update(
                        group(name),
                        "storage group " + name,
                        VersionedWrite::groupRequest,
                        request -> settings.applyTo(request, spec.commandLine()));
        if (out().json()) {
            out().json(group);
        } else {
            out().line("Updated group " + name + ".");
            GroupFormat.print(out(), group);
        }
        return ExitCodes.OK;
    }
}
