package io.imagecast.cli;

import io.imagecast.cli.api.ApiException;
import io.imagecast.cli.api.ExitCodes;
import io.imagecast.cli.demo.DemoCommand;
import io.imagecast.cli.logs.LogsCommand;
import io.imagecast.cli.registry.GroupsCommand;
import io.imagecast.cli.registry.NodesCommand;
import io.imagecast.cli.sessions.SessionsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The imagecast command-line tool. The launcher script passes every subcommand it does not know here. */
@Command(
        name = "imagecast",
        mixinStandardHelpOptions = true,
        version = "imagecast 0.1.0",
        description = "Multicast disk-image distribution (udpcast-compatible).",
        subcommands = {
            SendCommand.class,
            ReceiveCommand.class,
            DemoCommand.class,
            SessionsCommand.class,
            NodesCommand.class,
            GroupsCommand.class,
            LogsCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        },
        footerHeading = "%nExit codes of the API commands (sessions, nodes, groups, logs):%n",
        footer = {
            "  0 ok, 1 failed or session not COMPLETED, 2 bad usage or invalid request,",
            "  3 server unreachable, 4 not found, 5 token missing, invalid or without the role"
        })
public final class ImagecastCli {
    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.out.flush();
        System.exit(code);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new ImagecastCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                // room for the examples on one line each; a wider terminal gets its full width
                .setUsageHelpWidth(110)
                .setUsageHelpAutoWidth(true)
                .setParameterExceptionHandler((e, args) -> {
                    // one line naming the flag; the full usage is one --help away
                    CommandLine cmd = e.getCommandLine();
                    cmd.getErr()
                            .println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage() + " (see "
                                    + cmd.getCommandSpec().qualifiedName() + " --help)");
                    cmd.getErr().flush();
                    return ExitCodes.USAGE;
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // a clear message, never a stack trace
                    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage());
                    cmd.getErr().flush();
                    return e instanceof ApiException api ? api.exitCode() : ExitCodes.FAILURE;
                });
    }
}
