package io.imagecast.cli.registry;

import picocli.CommandLine.Command;

@Command(
        name = "enable",
        description = "Let sessions be placed on a node again.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast nodes enable store-1")
final class EnableNode extends NodeWrite {
    @Override
    protected int run() {
        return change(node -> node.put("enabled", true), "Node " + name + " is enabled.");
    }
}
