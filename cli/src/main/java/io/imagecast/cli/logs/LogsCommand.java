package io.imagecast.cli.logs;

import picocli.CommandLine.Command;

@Command(
        name = "logs",
        description = "Search, follow and download the services' logs (log-service).",
        mixinStandardHelpOptions = true,
        subcommands = {QueryLogs.class, TailLogs.class, SessionLog.class},
        footerHeading = "%nExample:%n",
        footer = {
            "  imagecast logs query --service session-service --level warn,error --from 2026-12-03T08:00:00Z",
            "  imagecast logs session-log 6f1c2a4e-0d7b-4c61-9a57-2f0e8b3d1c55 > multicast.log"
        })
public final class LogsCommand {}
