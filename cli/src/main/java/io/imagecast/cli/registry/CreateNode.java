package io.imagecast.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imagecast.cli.api.ExitCodes;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "create",
        description =
                "Register a storage node (admin); NODE is the IMAGECAST_NODE_ID its sender-service heartbeats with.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast nodes create store-1 --group site-a --address 10.0.0.5 --interface enp3s0"
                + " --max-bitrate 900000000 --max-sessions 4")
final class CreateNode extends RegistryApi {
    @Parameters(paramLabel = "NODE", description = "Node name (DNS label)")
    String name;

    @Option(names = "--group", description = "Storage group (none: the node stays unassigned)")
    String group;

    @Option(names = "--address", paramLabel = "IP", description = "IP address clients reach the node at")
    String address;

    @Option(names = "--interface", paramLabel = "NAME", description = "Interface multicast leaves from")
    String multicastInterface;

    @Option(names = "--max-bitrate", paramLabel = "BPS", description = "Bitrate cap of one session in bit/s")
    Long maxBitrateBps;

    @Option(
            names = "--max-sessions",
            paramLabel = "N",
            required = true,
            description = "Concurrent sessions on the node")
    Integer maxSessions;

    @Option(names = "--disabled", description = "Register it without placing sessions on it yet")
    boolean disabled;

    @Override
    protected int run() {
        ObjectNode request = MAPPER.createObjectNode().put("name", name);
        request.put("group", group);
        request.put("address", address);
        request.put("enabled", !disabled);
        request.put("multicastInterface", multicastInterface);
        request.put("maxBitrateBps", maxBitrateBps);
        request.put("maxSessions", maxSessions);
        JsonNode node = send("POST", nodes(), request, Map.of()).body();
        if (out().json()) {
            out().json(node);
        } else {
            out().line("Registered node " + name + (group == null ? "" : " in group " + group) + "; status "
                    + out().paint(text(node, "status")) + ".");
            out().line("Check it: imagecast nodes diagnose " + name);
        }
        return ExitCodes.OK;
    }
}
