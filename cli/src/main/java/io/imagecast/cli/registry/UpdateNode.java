package io.imagecast.cli.registry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "update",
        description = "Change a node's settings (admin), e.g. one the registry discovered from its heartbeats;"
                + " flags not given keep their value. Written with If-Match from a fresh read.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast nodes update store-1 --group site-a --address 10.0.0.5 --max-sessions 4")
final class UpdateNode extends NodeWrite {
    @Option(names = "--group", description = "Storage group")
    String group;

    @Option(names = "--address", paramLabel = "IP", description = "IP address clients reach the node at")
    String address;

    @Option(names = "--interface", paramLabel = "NAME", description = "Interface multicast leaves from")
    String multicastInterface;

    @Option(names = "--max-bitrate", paramLabel = "BPS", description = "Bitrate cap of one session in bit/s")
    Long maxBitrateBps;

    @Option(names = "--max-sessions", paramLabel = "N", description = "Concurrent sessions on the node")
    Integer maxSessions;

    @Override
    protected int run() {
        return change(
                node -> {
                    if (group != null) {
                        node.put("group", group);
                    }
                    if (address != null) {
                        node.put("address", address);
                    }
                    if (multicastInterface != null) {
                        node.put("multicastInterface", multicastInterface);
                    }
                    if (maxBitrateBps != null) {
                        node.put("maxBitrateBps", maxBitrateBps);
                    }
                    if (maxSessions != null) {
                        node.put("maxSessions", maxSessions);
                    }
                    return node;
                },
                "Updated node " + name + ".");
    }
}
