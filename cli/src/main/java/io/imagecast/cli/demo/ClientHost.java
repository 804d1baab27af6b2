package io.imagecast.cli.demo;

import io.imagecast.netlab.LabHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One client machine as FOG's client OS drives it: one receiver per partition, in disk order, each
 * started when the previous one has finished; a failing receiver ends the chain (FOS stops at the
 * first failed partition).
 */
final class ClientHost {
    private final String name;
    private final LabHost host;
    private final Path outputDir;
    private final List<String> files;
    private Process process;

    ClientHost(String name, LabHost host, Path outputDir, List<String> files) {
        this.name = name;
        this.host = host;
        this.outputDir = outputDir;
        this.files = List.copyOf(files);
    }

    void start(DemoLab lab, ReceiverProgram program, int portBase, String rendezvousAddress) throws IOException {
        Files.createDirectories(outputDir);
        List<String> script = new ArrayList<>();
        script.add("set -e");
        for (String file : files) {
            script.add(shellQuote(program.commandFor(portBase, rendezvousAddress, outputDir.resolve(file))));
        }
        process = lab.start(host, List.of("sh", "-c", String.join("\n", script)), log().toFile());
    }

    private static String shellQuote(List<String> command) {
        List<String> quoted = new ArrayList<>();
        for (String arg : command) {
            quoted.add(arg.matches("[A-Za-z0-9_./:=-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return String.join(" ", quoted);
    }

    String name() {
        return name;
    }

    String address() {
        return host.address();
    }

    Path outputDir() {
        return outputDir;
    }

    Path log() {
        return outputDir.resolve("receiver.log");
    }

    List<String> files() {
        return files;
    }

    boolean running() {
        return process != null && process.isAlive();
    }

    /** Exit code of the receiver chain, or null while it runs (or never started). */
    Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    /** Bytes written so far, as the files on disk show. */
    long bytesReceived() {
        long total = 0;
        for (String file : files) {
            try {
                Path path = outputDir.resolve(file);
                if (Files.exists(path)) {
                    total += Files.size(path);
                }
            } catch (IOException e) {
                // a file being created or replaced right now: counted on the next look
            }
        }
        return total;
    }

    void awaitExit(long millis) throws InterruptedException {
        if (process != null) {
            process.waitFor(millis, TimeUnit.MILLISECONDS);
        }
    }

    void kill() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
