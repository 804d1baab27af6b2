package io.imagecast.cli.registry;

import picocli.CommandLine.Command;

@Command(
        name = "nodes",
        description = "Storage nodes: status, diagnosis, interfaces, master and settings (node-registry).",
        mixinStandardHelpOptions = true,
        subcommands = {
            ListNodes.class,
            CreateNode.class,
            UpdateNode.class,
            ShowNode.class,
            DiagnoseNode.class,
            NodeInterfaces.class,
            SetMaster.class,
            SetInterface.class,
            EnableNode.class,
            DisableNode.class
        },
        footerHeading = "%nExample:%n",
        footer = {"  imagecast nodes list --group site-a", "  imagecast nodes diagnose store-1"})
public final class NodesCommand {}
