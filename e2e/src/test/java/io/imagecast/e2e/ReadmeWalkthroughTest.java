package io.imagecast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imagecast.e2e.ReadmeWalkthrough.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without any service: the README's walkthrough blocks are found and read as commands, and the values
 * {@link ReadmeWalkthroughE2eTest} replaces are the ones the README tells its reader to adapt.
 */
class ReadmeWalkthroughTest {
    private static final Path README = Path.of(System.getProperty("imagecast.project.root", ".."))
            .toAbsolutePath()
            .normalize()
            .resolve("README.md");

    @Test
    void theReadmesWalkthroughBlocksAreImagecastCommandsWithTheirOutput() throws Exception {
        List<List<Command>> blocks = ReadmeWalkthrough.blocks(README);

        assertThat(blocks).hasSizeGreaterThanOrEqualTo(2);
        List<List<String>> first = blocks.get(0).stream().map(Command::words).toList();
        assertThat(first.get(0)).startsWith("groups", "create", "site-a").contains("--auto-apply-interface");
        assertThat(blocks.get(0)).anySatisfy(c -> assertThat(c.output()).contains("storage-1: READY (status ONLINE)"));
        assertThat(blocks.get(1))
                .anySatisfy(c -> assertThat(c.output())
                        .anySatisfy(line -> assertThat(line).contains("<id>")));
    }

    @Test
    void theReplacedValuesAreTheOnesTheReadmeSaysToAdapt() throws Exception {
        String readme = Files.readString(README).replaceAll("\\s+", " ");

        assertThat(readme)
                .contains("the values to adapt are the image root `" + ReadmeWalkthroughE2eTest.IMAGE_ROOT
                        + "`, the node's address `" + ReadmeWalkthroughE2eTest.ADDRESS
                        + "` and its network interface `" + ReadmeWalkthroughE2eTest.INTERFACE + "`");
    }

    @Test
    void aCommandLineIsSplitAsTheShellWould() {
        List<Command> commands = ReadmeWalkthrough.commands(List.of(
                "# a comment",
                "./imagecast sessions create --name \"win10 room B\" \\",
                "    --host name=pc-01  # trailing comment",
                "# Created session <id> (win10 room B)",
                "",
                "# not output: a blank line came first",
                "./imagecast logs session-log <id> > multicast.log"));

        assertThat(commands).hasSize(2);
        assertThat(commands.get(0).words())
                .containsExactly("sessions", "create", "--name", "win10 room B", "--host", "name=pc-01");
        assertThat(commands.get(0).output()).containsExactly("Created session <id> (win10 room B)");
        assertThat(commands.get(1).words()).containsExactly("logs", "session-log", "<id>");
        assertThat(commands.get(1).redirect()).isEqualTo("multicast.log");
        assertThat(commands.get(1).output()).isEmpty();
        assertThat(ReadmeWalkthrough.substitute(commands.get(1).words(), Map.of("<id>", "x")))
                .containsExactly("logs", "session-log", "x");
        assertThat(ReadmeWalkthrough.idShown(
                        "Created session <id> (win10 room B)",
                        "Created session 0f8fad5b-d9cb-469f-a165-70867728950e (win10 room B)\n"))
                .isEqualTo("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertThatThrownBy(() -> ReadmeWalkthrough.parse("curl -s http://x")).hasMessageContaining("not an");
    }
}
