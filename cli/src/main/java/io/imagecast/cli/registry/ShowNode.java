package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ExitCodes;
import io.imagecast.cli.api.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "show",
        description = "Show a storage node: settings and what it last reported.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast nodes show store-1")
final class ShowNode extends RegistryApi {
    @Parameters(paramLabel = "NODE", description = "Node name")
    String name;

    @Override
    protected int run() {
        JsonNode node = get(node(name));
        if (out().json()) {
            out().json(node);
            return ExitCodes.OK;
        }
        Table facts = new Table("FIELD", "VALUE").paint(1);
        for (String field : new String[] {
            "name",
            "group",
            "address",
            "enabled",
            "master",
            "multicastInterface",
            "maxBitrateBps",
            "maxSessions",
            "status",
            "lastHeartbeat",
            "hostname",
            "storageRoot",
            "storageRootReadable",
            "activeSessions",
            "freeSlots",
            "senderVersion",
            "version"
        }) {
            facts.row(field, text(node, field));
        }
        for (JsonNode problem : node.path("problems")) {
            facts.row("problem", problem.asText());
        }
        out().table(facts);
        return ExitCodes.OK;
    }
}
