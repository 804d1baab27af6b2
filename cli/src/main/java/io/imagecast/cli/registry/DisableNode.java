package io.imagecast.cli.registry;

import picocli.CommandLine.Command;

@Command(
        name = "disable",
        description = "Place no new sessions on a node (running ones go on). A group's master cannot be disabled.",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = "  imagecast nodes disable store-2")
final class DisableNode extends NodeWrite {
    @Override
    protected int run() {
        return change(node -> node.put("enabled", false), "Node " + name + " is disabled.");
    }
}
