package io.imagecast.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the PostgreSQL server binaries are and whom they must run as.
 *
 * <p>Debian installs them under {@code /usr/lib/postgresql/<major>/bin}; {@code IMAGECAST_PG_BIN}
 * overrides. The server refuses to run as root, so as root every command goes through {@code
 * runuser -u postgres}.
 */
record PostgresBinaries(Path binDir, Optional<String> runAsUser, String runuser) {

    static final String POSTGRES_USER = "postgres";

    static PostgresBinaries locate() {
        Path bin = Optional.ofNullable(System.getenv("IMAGECAST_PG_BIN"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .or(PostgresBinaries::newestDebianBinDir)
                .orElseThrow(() -> new IllegalStateException(
                        "No PostgreSQL server binaries (looked in /usr/lib/postgresql/*/bin and IMAGECAST_PG_BIN):"
                                + " install them (apt-get install postgresql) or point IMAGECAST_DB_URL at a server"));
        for (String tool : List.of("initdb", "postgres")) {
            if (!Files.isExecutable(bin.resolve(tool))) {
                throw new IllegalStateException(
                        "PostgreSQL binary " + bin.resolve(tool) + " missing or not executable");
            }
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        if (!root) {
            return new PostgresBinaries(bin, Optional.empty(), "");
        }
        // Absolute path: a non-login root shell may not have the sbin directories on its PATH.
        String runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
                .filter(candidate -> Files.isExecutable(Path.of(candidate)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "Running as root needs runuser (util-linux) to start PostgreSQL as " + POSTGRES_USER));
        return new PostgresBinaries(bin, Optional.of(POSTGRES_USER), runuser);
    }

    /** The command line for a tool, wrapped in runuser when running as root. */
    List<String> command(List<String> toolAndArgs) {
        List<String> command = new ArrayList<>();
        runAsUser.ifPresent(user -> command.addAll(List.of(runuser, "-u", user, "--")));
        command.addAll(toolAndArgs);
        return command;
    }

    String tool(String name) {
        return binDir.resolve(name).toString();
    }

    private static Optional<Path> newestDebianBinDir() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter(v -> Files.isExecutable(v.resolve("bin/postgres")))
                    .max(Comparator.comparingDouble(
                            v -> Double.parseDouble(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
