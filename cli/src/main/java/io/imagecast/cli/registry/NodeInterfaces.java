package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.ExitCodes;
import io.imagecast.cli.api.Table;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "interfaces",
        description = "The network interfaces a node reports, and the proposed multicast interface.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast nodes interfaces store-1")
final class NodeInterfaces extends RegistryApi {
    @Parameters(paramLabel = "NODE", description = "Node name")
    String name;

    @Override
    protected int run() {
        JsonNode observed = get(node(name) + "/interfaces");
        if (out().json()) {
            out().json(observed);
            return ExitCodes.OK;
        }
        out().line("Configured multicast interface: "
                + (observed.hasNonNull("configured") ? text(observed, "configured") : "none"));
        Table table = new Table("NAME", "ADDRESSES", "MTU", "UP", "MULTICAST", "PRESENT", "SUITABLE");
        for (JsonNode nic : observed.path("interfaces")) {
            List<String> addresses = new ArrayList<>();
            nic.path("addresses").forEach(a -> addresses.add(text(a, "address") + "/" + text(a, "prefixLength")));
            table.row(
                    text(nic, "name"),
                    String.join(",", addresses),
                    text(nic, "mtu"),
                    yes(nic, "up"),
                    yes(nic, "multicast"),
                    yes(nic, "present"),
                    yes(nic, "suitableForMulticast"));
        }
        if (table.isEmpty()) {
            out().line("The node has reported no interfaces (it sends them with its heartbeats).");
        } else {
            out().table(table);
        }
        JsonNode proposal = observed.path("proposal");
        if (proposal.hasNonNull("interfaceName")) {
            out().line("Proposed: " + text(proposal, "interfaceName") + " (" + text(proposal, "reason") + ")");
        }
        return ExitCodes.OK;
    }

    private static String yes(JsonNode nic, String field) {
        return nic.path(field).asBoolean() ? "yes" : "no";
    }
}
