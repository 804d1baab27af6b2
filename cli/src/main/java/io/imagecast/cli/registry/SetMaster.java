package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ApiException;
import io.imagecast.cli.api.ExitCodes;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "set-master",
        description = {
            "Make a node the master of its group: the node that sends the group's sessions.",
            "The node must be enabled and have sent heartbeats (it runs sender-service)."
        },
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast nodes set-master store-1")
final class SetMaster extends RegistryApi {
    @Parameters(paramLabel = "NODE", description = "Node name")
    String name;

    @Override
    protected int run() {
        // setting the master is a command the registry applies atomically: it takes no If-Match
        JsonNode node = get(node(name));
        String group = text(node, "group");
        if (group == null) {
            throw new ApiException(
                    ExitCodes.FAILURE, "node " + name + " belongs to no group; give it one before making it master");
        }
        JsonNode master = send("PUT", group(group) + "/master", Map.of("node", name), Map.of())
                .body();
        if (out().json()) {
            out().json(master);
        } else {
            out().line("Node " + text(master, "node") + " is the master of group " + text(master, "group") + ".");
        }
        return ExitCodes.OK;
    }
}
