package io.imagecast.cli.sessions;

import picocli.CommandLine.Command;

@Command(
        name = "sessions",
        description = "Create, follow and manage multicast sessions (session-service).",
        mixinStandardHelpOptions = true,
        subcommands = {
            CreateSession.class,
            ListSessions.class,
            ShowSession.class,
            WatchSession.class,
            CancelSession.class,
            DropHost.class,
            RetrySession.class,
            PurgeSessions.class
        },
        footerHeading = "%nExample:%n",
        footer = "  imagecast sessions create --name lab-101 --group site-a --image win10 --expected 12%n"
                + "  imagecast sessions watch 6f1c...%n")
public final class SessionsCommand {}
