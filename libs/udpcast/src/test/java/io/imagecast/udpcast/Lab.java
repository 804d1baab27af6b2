package io.imagecast.udpcast;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.netlab.LabHost;
import io.imagecast.netlab.NetLab;
import io.imagecast.udpcast.net.TransportChoice;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** Test helpers around a {@link NetLab}: start stock udpcast or our engine in a host, compare files. */
final class Lab implements AutoCloseable {
    final NetLab net;
    final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private int logCounter;

    Lab(int hosts) throws IOException {
        this.net = NetLab.create("icu", "10.201.0", hosts);
        this.dir =
                Files.createDirectories(Path.of("target", "netlab", net.name()).toAbsolutePath());
    }

    LabHost host(int i) {
        return net.host(i);
    }

    Path randomFile(String name, long size, long seed) throws IOException {
        Path f = dir.resolve(name);
        Random r = new Random(seed);
        byte[] buf = new byte[1 << 20];
        try (var out = Files.newOutputStream(f)) {
            long left = size;
            while (left > 0) {
                r.nextBytes(buf);
                int n = (int) Math.min(buf.length, left);
                out.write(buf, 0, n);
                left -= n;
            }
        }
        return f;
    }

    Process start(LabHost host, String label, List<String> command) throws IOException {
        File log =
                dir.resolve(String.format("%02d-%s.log", ++logCounter, label)).toFile();
        Process p = net.start(host, command, log);
        processes.add(p);
        return p;
    }

    /** Our engine (EngineRunner) in a child JVM inside the host's namespace. */
    Process java(LabHost host, String label, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-Xmx256m",
                "-D" + TransportChoice.PROPERTY + "=" + System.getProperty(TransportChoice.PROPERTY, "native"),
                "-cp",
                System.getProperty("java.class.path"),
                EngineRunner.class.getName()));
        cmd.addAll(args);
        return start(host, label, cmd);
    }

    /** One stock udp-receiver per file, one after the other, as a FOS client does for partitions. */
    Process stockReceiverChain(LabHost host, String label, int port, List<Path> outputs, String extra)
            throws IOException {
        StringBuilder script = new StringBuilder("set -e\n");
        for (Path out : outputs) {
            script.append("udp-receiver --interface e0 --nokbd --portbase ")
                    .append(port)
                    .append(' ')
                    .append(extra)
                    .append(" --file ")
                    .append(out)
                    .append(" </dev/null\n");
        }
        return start(host, label, List.of("bash", "-c", script.toString()));
    }

    static int await(Process p, long seconds) throws InterruptedException {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            return -999;
        }
        return p.exitValue();
    }

    static String sha256(Path f) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(f)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static void assertSameContent(Path expected, Path actual) throws Exception {
        assertThat(actual).as("output %s", actual).exists();
        assertThat(sha256(actual)).as("sha256 of %s", actual).isEqualTo(sha256(expected));
    }

    String readLog(String labelPart) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().contains(labelPart))
                    .sorted()
                    .toList()) {
                sb.append(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return sb.toString();
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        net.close();
        // keep the logs for diagnosis, drop the data files (several GB per run otherwise)
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> !f.getFileName().toString().endsWith(".log"))
                    .toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // best effort: target/ is disposable
        }
    }
}
