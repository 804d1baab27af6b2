package io.imagecast.cli;

import io.imagecast.cli.demo.DemoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The imagecast command-line tool. The launcher script passes every subcommand it does not know here. */
@Command(
        name = "imagecast",
        mixinStandardHelpOptions = true,
        version = "imagecast 0.1.0",
        description = "Multicast disk-image distribution (udpcast-compatible).",
        subcommands = {SendCommand.class, ReceiveCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class ImagecastCli {
    public static void main(String[] args) {
        int code = commandLine().execute(args);
        System.out.flush();
        System.exit(code);
    }

    static CommandLine commandLine() {
        return new CommandLine(new ImagecastCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // a clear message, never a stack trace
                    cmd.getErr().println("imagecast " + cmd.getCommandName() + ": " + e.getMessage());
                    return 1;
                });
    }
}
