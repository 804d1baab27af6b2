package io.imagecast.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code src/test/launcher/launcher-test.sh}: the repository's {@code ./imagecast} (status exit
 * codes, {@code up} with unhealthy and stopping components, {@code restart}) against fake components.
 */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("src/test/launcher/launcher-test.sh");

    @Test
    void launcherHandlesUnhealthyAndStoppingComponents() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        for (String tool : new String[] {"bash", "python3", "curl", "openssl", "setsid"}) {
            assumeTrue(onPath(tool), tool + " is not installed");
        }
        Path output = Files.createTempFile("launcher-test", ".log");
        try {
            Process process = new ProcessBuilder("bash", SCRIPT.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            boolean ended = process.waitFor(180, TimeUnit.SECONDS);
            if (!ended) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(ended)
                    .as("launcher-test.sh ended within 180 s:%n%s", log)
                    .isTrue();
            assertThat(process.exitValue()).as(log).isZero();
            assertThat(log).contains("all checks passed").doesNotContain("not ok");
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean onPath(String tool) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
