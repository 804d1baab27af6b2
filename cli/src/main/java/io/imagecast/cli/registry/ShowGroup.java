package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        description = "Show a storage group's settings and master.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast groups show site-a")
final class ShowGroup extends RegistryApi {
    @Parameters(paramLabel = "GROUP", description = "Group name")
    String name;

    @Override
    protected int run() {
        JsonNode group = get(group(name));
        if (out().json()) {
            out().json(group);
        } else {
            GroupFormat.print(out(), group);
        }
        return ExitCodes.OK;
    }
}
