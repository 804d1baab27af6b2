package io.imagecast.e2e;

import io.imagecast.netlab.LabHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client as FOG's FOS runs it: one stock {@code udp-receiver} per partition, in order, each started
 * when the previous one finished, with FOS's options (no keyboard, port base, TTL 32, the storage node
 * as rendezvous address).
 */
final class FogClient {
    private final LabHost host;
    private final Path outputDir;
    private final Process process;

    private FogClient(LabHost host, Path outputDir, Process process) {
        this.host = host;
        this.outputDir = outputDir;
        this.process = process;
    }

    static FogClient start(StorageLab lab, LabHost host, int portBase, List<String> files, Path outputDir)
            throws IOException {
        Files.createDirectories(outputDir);
        List<String> script = new ArrayList<>();
        script.add("set -e");
        for (String file : files) {
            script.add(String.join(
                    " ",
                    "udp-receiver",
                    "--nokbd",
                    "--portbase",
                    Integer.toString(portBase),
                    "--ttl",
                    "32",
                    "--mcast-rdv-address",
                    lab.storageAddress(),
                    "--file",
                    outputDir.resolve(file).toString()));
        }
        Process process = lab.netLab()
                .start(
                        host,
                        List.of("sh", "-c", String.join("\n", script)),
                        outputDir.resolve("udp-receiver.log").toFile());
        return new FogClient(host, outputDir, process);
    }

    LabHost host() {
        return host;
    }

    Path outputDir() {
        return outputDir;
    }

    boolean finished() {
        return !process.isAlive();
    }

    int exitCode() {
        return process.exitValue();
    }

    /** Kills every process of this client (the machine "loses power"), addressed by its namespace. */
    void kill(StorageLab lab) throws InterruptedException {
        for (long pid : lab.pidsIn(host)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    void stop(StorageLab lab) throws InterruptedException {
        if (process.isAlive()) {
            kill(lab);
        }
    }
}
