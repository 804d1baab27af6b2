package io.imagecast.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "completion",
        description = "Print a bash/zsh completion script for imagecast (generated from the commands' definitions).",
        mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  source <(./imagecast completion)", "  ./imagecast completion > /etc/bash_completion.d/imagecast"})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getOut()
                .print(AutoComplete.bash("imagecast", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
