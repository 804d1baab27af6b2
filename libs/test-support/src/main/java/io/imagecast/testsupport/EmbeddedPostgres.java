package io.imagecast.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server for tests, started from the installed server binaries on a free
 * loopback port, with its own data directory. Plain Java: usable without Quarkus.
 *
 * <p>The server is tuned for throw-away data (no fsync) and stops when {@link #close()} is called
 * or when the JVM that started it dies (it watches its stdin), so a killed test run leaves no
 * server behind.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    public static final String USER = "imagecast";

    private static final System.Logger LOG = System.getLogger(EmbeddedPostgres.class.getName());
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final int PORT_ATTEMPTS = 3;

    /**
     * Replaces the shell by the server (same pid), after forking a watcher that sends SIGINT (fast
     * shutdown) once the parent closes stdin or dies.
     */
    private static final String STOP_ON_STDIN_EOF =
            "exec 3<&0; ( cat <&3 >/dev/null; kill -INT $$ 2>/dev/null ) & exec 3<&-; exec \"$@\"";

    private final Path baseDir;
    private final boolean deleteOnClose;
    private final String password;
    private final PostgresBinaries binaries;
    private Process process;
    private final int port;
    private final Duration startupTime;

    private EmbeddedPostgres(
            Path baseDir,
            boolean deleteOnClose,
            String password,
            PostgresBinaries binaries,
            Process process,
            int port,
            Duration startupTime) {
        this.baseDir = baseDir;
        this.deleteOnClose = deleteOnClose;
        this.password = password;
        this.binaries = binaries;
        this.process = process;
        this.port = port;
        this.startupTime = startupTime;
    }

    /** Starts a server in a fresh temporary directory, deleted again by {@link #close()}. */
    public static EmbeddedPostgres start() {
        try {
            return start(Files.createTempDirectory("imagecast-pg-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for PostgreSQL", e);
        }
    }

    /** Starts a server whose data lives in {@code baseDir} (initialised on first use, kept on close). */
    public static EmbeddedPostgres start(Path baseDir) {
        return start(baseDir, false);
    }

    private static EmbeddedPostgres start(Path baseDir, boolean deleteOnClose) {
        return start(baseDir, deleteOnClose, PostgresBinaries.locate());
    }

    /** Starts a throw-away server from the given binaries (tests of the binary lookup). */
    static EmbeddedPostgres startTemporary(PostgresBinaries binaries) {
        try {
            return start(Files.createTempDirectory("imagecast-pg-"), true, binaries);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for PostgreSQL", e);
        }
    }

    private static EmbeddedPostgres start(Path baseDir, boolean deleteOnClose, PostgresBinaries binaries) {
        long began = System.nanoTime();
        try {
            Files.createDirectories(baseDir);
            String password = initialise(binaries, baseDir);
            IllegalStateException lastFailure = null;
            for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
                int port = FreePorts.next();
                Process process = launch(binaries, baseDir, port);
                try {
                    awaitAccepting(process, baseDir, port, password);
                    Duration took = Duration.ofNanos(System.nanoTime() - began);
                    LOG.log(
                            System.Logger.Level.INFO,
                            "PostgreSQL ready on 127.0.0.1:" + port + " in " + took.toMillis() + " ms (" + baseDir
                                    + ")");
                    return new EmbeddedPostgres(baseDir, deleteOnClose, password, binaries, process, port, took);
                } catch (IllegalStateException e) {
                    ChildProcesses.stopByClosingStdin(process, 10);
                    lastFailure = e;
                    if (!ChildProcesses.tail(log(baseDir), 20).contains("could not bind")) {
                        break; // only a lost race for the port is worth another attempt
                    }
                }
            }
            throw lastFailure;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare PostgreSQL in " + baseDir, e);
        } catch (RuntimeException e) {
            if (deleteOnClose) {
                ChildProcesses.deleteRecursively(baseDir);
            }
            throw e;
        }
    }

    public int port() {
        return port;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    /** How long initdb plus start-up took. */
    public Duration startupTime() {
        return startupTime;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Database name must match " + DATABASE_NAME + ": " + name);
        }
        try (Connection connection = connect(jdbcUrl("postgres"), USER, password);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    /** The directory holding data and logs ({@code postgres.log} / {@code kafka.log}). */
    public Path baseDir() {
        return baseDir;
    }

    /** Whether the server process is up. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Stops the server (fast shutdown: open sessions are ended) and keeps its data and port for
     * {@link #restart()}. Returns once the process has exited, so the port refuses connections.
     */
    public synchronized void stop() {
        if (process != null) {
            ChildProcesses.stopByClosingStdin(process, 20);
            LOG.log(System.Logger.Level.INFO, "PostgreSQL on 127.0.0.1:" + port + " stopped (" + baseDir + " kept)");
            process = null;
        }
    }

    /** Starts the same server again: same port, same data. Returns once it accepts connections. */
    public synchronized void restart() {
        stop();
        try {
            Process started = launch(binaries, baseDir, port);
            awaitAccepting(started, baseDir, port, password);
            process = started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restart PostgreSQL in " + baseDir, e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
        if (deleteOnClose) {
            ChildProcesses.deleteRecursively(baseDir);
        }
    }

    static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "5");
        // The driver directly: DriverManager does not see drivers from Quarkus' test class loader.
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + url);
        }
        return connection;
    }

    private static String initialise(PostgresBinaries binaries, Path baseDir) throws IOException {
        Path data = baseDir.resolve("data");
        Path passwordFile = baseDir.resolve("password");
        if (Files.exists(data.resolve("PG_VERSION")) && Files.exists(passwordFile)) {
            return Files.readString(passwordFile).trim();
        }
        String password = randomPassword();
        Files.writeString(passwordFile, password + "\n");
        binaries.runAsUser().ifPresent(user -> chown(baseDir, user));
        Path initLog = baseDir.resolve("initdb.log");
        List<String> initdb = binaries.command(List.of(
                binaries.tool("initdb"),
                "-D",
                data.toString(),
                "-U",
                USER,
                "--pwfile=" + passwordFile,
                "-A",
                "scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync"));
        Process process = new ProcessBuilder(initdb)
                .directory(baseDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(initLog.toFile())
                .start();
        try {
            if (!process.waitFor(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("initdb did not finish within " + STARTUP_TIMEOUT.toSeconds()
                        + " s; log " + initLog + ":\n" + ChildProcesses.tail(initLog, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during initdb", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("initdb failed (exit " + process.exitValue() + "); log " + initLog + ":\n"
                    + ChildProcesses.tail(initLog, 20));
        }
        return password;
    }

    private static Process launch(PostgresBinaries binaries, Path baseDir, int port) throws IOException {
        List<String> server = new ArrayList<>(List.of("sh", "-c", STOP_ON_STDIN_EOF, "sh", binaries.tool("postgres")));
        server.addAll(List.of(
                "-D",
                baseDir.resolve("data").toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "unix_socket_directories=",
                "-c",
                "max_connections=200",
                // Throw-away test data: durability buys nothing here and costs seconds.
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off"));
        return new ProcessBuilder(binaries.command(server))
                .directory(baseDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log(baseDir).toFile()))
                .start();
    }

    private static void awaitAccepting(Process process, Path baseDir, int port, String password) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PostgreSQL exited during start-up (exit " + process.exitValue()
                        + "); log " + log(baseDir) + ":\n" + ChildProcesses.tail(log(baseDir), 20));
            }
            try (Connection ignored = connect(url, USER, password)) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL did not accept connections on port " + port + " within "
                            + STARTUP_TIMEOUT.toSeconds() + " s; log " + log(baseDir) + ":\n"
                            + ChildProcesses.tail(log(baseDir), 20));
                }
                ChildProcesses.sleep(100);
            }
        }
    }

    private static Path log(Path baseDir) {
        return baseDir.resolve("postgres.log");
    }

    private static void chown(Path dir, String user) {
        try {
            UserPrincipal owner =
                    dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
            try (var paths = Files.walk(dir)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    Files.setOwner(path, owner);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hand " + dir + " to user " + user, e);
        }
    }

    private static String randomPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
