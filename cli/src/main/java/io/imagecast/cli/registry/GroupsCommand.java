package io.imagecast.cli.registry;

import picocli.CommandLine.Command;

@Command(
        name = "groups",
        description = "Storage groups: image root, session ports and multicast addresses (node-registry).",
        mixinStandardHelpOptions = true,
        subcommands = {ListGroups.class, ShowGroup.class, CreateGroup.class, UpdateGroup.class},
        footerHeading = "%nExample:%n",
        footer =
                "  imagecast groups create site-a --image-root /images --ports 9000-9098 --multicast-pool 239.1.0.0/24")
public final class GroupsCommand {}
