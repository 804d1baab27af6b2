package io.imagecast.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the PostgreSQL server binaries are and whom they must run as.
 *
 * <p>Looked up in this order: {@code IMAGECAST_PG_BIN}; Debian's {@code
 * /usr/lib/postgresql/<major>/bin} (newest major); the directory of {@code postgres} on the PATH;
 * the relocatable binaries of the {@code io.zonky.test.postgres} artifact on the classpath,
 * extracted once. The server refuses to run as root, so as root every command goes through {@code
 * runuser} to the {@code postgres} user, or to {@code nobody} where no such user exists.
 */
record PostgresBinaries(Path binDir, Optional<String> runAsUser, String runuser) {

    static PostgresBinaries locate() {
        Path bin = Optional.ofNullable(System.getenv("IMAGECAST_PG_BIN"))
                .filter(s -> !s.isBlank())
                .map(Path::of)
                .or(PostgresBinaries::newestDebianBinDir)
                .or(PostgresBinaries::onPath)
                .or(BundledPostgres::extract)
                .orElseThrow(
                        () -> new IllegalStateException("No PostgreSQL server binaries (looked at IMAGECAST_PG_BIN,"
                                + " /usr/lib/postgresql/*/bin, PATH and the bundled linux-amd64 binaries): install them"
                                + " (apt-get install postgresql) or point IMAGECAST_DB_URL at a server"));
        return forBinDir(bin);
    }

    static PostgresBinaries forBinDir(Path bin) {
        for (String tool : List.of("initdb", "postgres")) {
            if (!Files.isExecutable(bin.resolve(tool))) {
                throw new IllegalStateException(
                        "PostgreSQL binary " + bin.resolve(tool) + " missing or not executable");
            }
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return new PostgresBinaries(bin, Optional.empty(), "");
        }
        // Absolute path: a non-login root shell may not have the sbin directories on its PATH.
        String runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
                .filter(candidate -> Files.isExecutable(Path.of(candidate)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "Running as root needs runuser (util-linux) to start PostgreSQL as an unprivileged user"));
        return new PostgresBinaries(bin, Optional.of(unprivilegedUser()), runuser);
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

    private static String unprivilegedUser() {
        for (String user : List.of("postgres", "nobody")) {
            try {
                Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
                return user;
            } catch (UserPrincipalNotFoundException e) {
                // try the next one
            } catch (IOException e) {
                throw new IllegalStateException("Cannot look up user " + user, e);
            }
        }
        throw new IllegalStateException("Running as root needs a 'postgres' or 'nobody' user to start PostgreSQL");
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

    private static Optional<Path> onPath() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(path.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(Path::of)
                .filter(dir -> Files.isExecutable(dir.resolve("postgres")) && Files.isExecutable(dir.resolve("initdb")))
                .findFirst();
    }
}
