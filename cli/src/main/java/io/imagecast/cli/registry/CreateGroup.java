package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagecast.cli.api.ExitCodes;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "create",
        description =
                "Create a storage group (admin). --image-root, --ports, --multicast-pool and --max-sessions are required.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast groups create site-a --image-root /images --ports 9000-9098"
                + " --multicast-pool 239.1.0.0/24 --max-sessions 8")
final class CreateGroup extends RegistryApi {
    @Parameters(paramLabel = "GROUP", description = "Group name (DNS label)")
    String name;

    @Mixin
    GroupSettings settings;

    @Override
    protected int run() {
        for (var required : new Object[][] {
            {"--image-root", settings.imageRoot},
            {"--ports", settings.ports},
            {"--multicast-pool", settings.multicastPool},
            {"--max-sessions", settings.maxSessions}
        }) {
            if (required[1] == null) {
                throw usage("Missing required option: '" + required[0] + "'");
            }
        }
        ObjectNode request = MAPPER.createObjectNode().put("name", name);
        settings.applyTo(request, spec.commandLine());
        JsonNode group = send("POST", groups(), request, Map.of()).body();
        if (out().json()) {
            out().json(group);
        } else {
            out().line("Created group " + name + ".");
            GroupFormat.print(out(), group);
        }
        return ExitCodes.OK;
    }
}
