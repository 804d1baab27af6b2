package io.imagecast.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.imagecast.netlab.NetLab;
import io.imagecast.testsupport.FreePorts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A small {@code ./imagecast demo} through the real launcher, as a person runs it: the launcher starts
 * PostgreSQL, Kafka and the packaged services (on free ports, in a state dir of its own), the demo
 * sends an 8 MiB image to two FOS-style clients and verifies it, {@code ./imagecast down} stops
 * everything. Nothing may be left behind: no process, no namespace, no interface.
 */
class DemoE2eTest {
    private static final Pattern LAB = Pattern.compile("demo: lab (icd[0-9a-f]{4}):");

    @Test
    void smallDemoSucceedsAndLeavesNothingBehind() throws Exception {
        String unavailable = NetLab.unavailableReason();
        assumeTrue(unavailable == null, () -> "demo skipped: " + unavailable);
        Path root = Path.of(System.getProperty("imagecast.project.root", ".."))
                .toAbsolutePath()
                .normalize();
        for (String module : List.of("node-registry", "session-service", "log-service", "sender-service")) {
            assertThat(root.resolve(module + "/target/quarkus-app/quarkus-run.jar"))
                    .as("packaged " + module + " (mvn package runs before this module)")
                    .exists();
        }
        assertThat(root.resolve("cli/target/imagecast-cli.jar")).exists();
        Path state = Files.createDirectories(root.resolve("e2e/target/demo-" + System.currentTimeMillis()));
        Map<String, String> env = launcherEnvironment(state);
        Set<String> namespacesBefore = namespaces();

        Path demoLog = state.resolve("demo-output.log");
        int demoExit;
        long began = System.nanoTime();
        try {
            demoExit = launcher(
                    root,
                    env,
                    demoLog,
                    180,
                    "demo",
                    "--clients",
                    "2",
                    "--size",
                    "8M",
                    "--lab-subnet",
                    "10.204.1",
                    "--plain");
        } finally {
            assertThat(launcher(root, env, state.resolve("down-output.log"), 90, "down"))
                    .as("./imagecast down")
                    .isZero();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        String output = Files.readString(demoLog);
        System.out.printf("demo through the launcher (up + demo + down): %.1f s%n%s%n", seconds, output);

        assertThat(demoExit).as(output).isZero();
        assertThat(output)
                .contains("==== imagecast demo: SUCCESS ====")
                .containsPattern("pc1 +10\\.204\\.1\\.1 +OK +4/4 partitions byte-identical")
                .containsPattern("pc2 +10\\.204\\.1\\.2 +OK +4/4 partitions byte-identical")
                .contains("/api/v1/sessions/")
                .containsPattern("lab icd[0-9a-f]{4} torn down");
        Matcher lab = LAB.matcher(output);
        assertThat(lab.find()).as("the demo names its lab").isTrue();
        String labName = lab.group(1);

        // other engineers' labs come and go meanwhile: only the demo's prefix counts
        assertThat(namespaces().stream().filter(ns -> ns.startsWith("icd")))
                .as("demo namespaces after the demo")
                .isSubsetOf(namespacesBefore);
        assertThat(namespaces()).noneMatch(ns -> ns.startsWith(labName));
        assertThat(run("ip", "-o", "link", "show")).doesNotContain(labName);
        assertThat(processesMentioning(state.toString()))
                .as("processes of the launcher's stack or the demo's clients")
                .isEmpty();
    }

    private static Map<String, String> launcherEnvironment(Path state) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        // a developer's shell may carry the local stack's settings: this run has its own
        env.keySet().removeIf(key -> key.startsWith("IMAGECAST_"));
        env.put("IMAGECAST_STATE_DIR", state.toString());
        env.put("IMAGECAST_NO_BUILD", "1");
        env.put("IMAGECAST_READY_TIMEOUT", "150");
        env.put("IMAGECAST_JAVA_OPTS", "-Xmx384m");
        for (String port : List.of(
                "IMAGECAST_SESSION_PORT",
                "IMAGECAST_REGISTRY_PORT",
                "IMAGECAST_LOGS_PORT",
                "IMAGECAST_SENDER_PORT",
                "IMAGECAST_PG_PORT",
                "IMAGECAST_KAFKA_PORT",
                "IMAGECAST_KAFKA_CONTROLLER_PORT")) {
            env.put(port, Integer.toString(FreePorts.next()));
        }
        return env;
    }

    private static int launcher(Path root, Map<String, String> env, Path log, int timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(root.resolve("imagecast").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            // SIGTERM: the demo's shutdown hook cancels the session and tears its lab down
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            throw new AssertionError("./imagecast " + String.join(" ", args) + " did not finish within "
                    + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    private static Set<String> namespaces() {
        Set<String> names = new HashSet<>();
        for (String line : run("ip", "netns", "list").split("\n")) {
            if (!line.isBlank()) {
                names.add(line.trim().split("\\s+")[0]);
            }
        }
        return names;
    }

    /** Live processes whose command line contains {@code text}. */
    private static List<String> processesMentioning(String text) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ');
                    if (cmdline.contains(text)) {
                        found.add(proc.getFileName() + ": " + cmdline);
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }

    private static String run(String... command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
