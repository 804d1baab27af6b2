package io.imagecast.testsupport;

import io.imagecast.kafka.BrokerClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The real Apache Kafka broker (KRaft, combined broker and controller) in a child JVM on free
 * loopback ports. Plain Java: usable without Quarkus.
 *
 * <p>{@link #start()} returns once an AdminClient sees the broker in the cluster. The broker stops
 * on {@link #close()} or when the JVM that started it dies (it watches its stdin).
 *
 * <p>{@link #stop()} and {@link #restart()} take the same broker down and bring it back on the same
 * ports with the same data, so tests can prove that clients survive a broker outage.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmbeddedKafka.class.getName());
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
    private static final int PORT_ATTEMPTS = 3;
    /** A restart must reuse its ports; a port still held by the dying broker is retried this long. */
    private static final Duration RESTART_PORT_WAIT = Duration.ofSeconds(20);

    private final Path baseDir;
    private final boolean deleteOnClose;
    private final String classpath;
    private final int port;
    private final int controllerPort;
    private Process process;
    private Duration startupTime;
    private int restarts;

    private EmbeddedKafka(
            Path baseDir,
            boolean deleteOnClose,
            String classpath,
            Process process,
            int port,
            int controllerPort,
            Duration startupTime) {
        this.baseDir = baseDir;
        this.deleteOnClose = deleteOnClose;
        this.classpath = classpath;
        this.process = process;
        this.port = port;
        this.controllerPort = controllerPort;
        this.startupTime = startupTime;
    }

    /** Starts a broker in a fresh temporary directory, deleted again by {@link #close()}. */
    public static EmbeddedKafka start() {
        try {
            return start(Files.createTempDirectory("imagecast-kafka-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory for Kafka", e);
        }
    }

    /** Starts a broker whose data lives in {@code baseDir} (formatted on first use, kept on close). */
    public static EmbeddedKafka start(Path baseDir) {
        return start(baseDir, false);
    }

    private static EmbeddedKafka start(Path baseDir, boolean deleteOnClose) {
        long began = System.nanoTime();
        try {
            String classpath = BrokerClasspath.childJvmClasspath();
            IllegalStateException lastFailure = null;
            for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
                int port = FreePorts.next();
                int controllerPort = FreePorts.next();
                Process process = launch(classpath, baseDir, port, controllerPort);
                try {
                    awaitBroker(process, baseDir, port);
                    Duration took = Duration.ofNanos(System.nanoTime() - began);
                    LOG.log(
                            System.Logger.Level.INFO,
                            "Kafka ready on 127.0.0.1:" + port + " in " + took.toMillis() + " ms (" + baseDir + ")");
                    return new EmbeddedKafka(baseDir, deleteOnClose, classpath, process, port, controllerPort, took);
                } catch (IllegalStateException e) {
                    ChildProcesses.stopByClosingStdin(process, 15);
                    lastFailure = e;
                    if (!ChildProcesses.tail(log(baseDir), 40).contains("Address already in use")) {
                        break; // only a lost race for a port is worth another attempt
                    }
                }
            }
            throw lastFailure;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Kafka in " + baseDir, e);
        } catch (RuntimeException e) {
            if (deleteOnClose) {
                ChildProcesses.deleteRecursively(baseDir);
            }
            throw e;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * How long storage formatting plus broker start-up took, until an AdminClient saw the broker (of
     * the latest {@link #restart()}, if any).
     */
    public synchronized Duration startupTime() {
        return startupTime;
    }

    /** Whether the broker process is up (it may still be starting or stopping). */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Stops the broker process and keeps its data, ports and directory for {@link #restart()}.
     * Returns once the process has exited, so its ports refuse connections. Does nothing when the
     * broker is already stopped.
     */
    public synchronized void stop() {
        if (process != null) {
            ChildProcesses.stopByClosingStdin(process, 30);
            LOG.log(System.Logger.Level.INFO, "Kafka on 127.0.0.1:" + port + " stopped (" + baseDir + " kept)");
            process = null;
        }
    }

    /**
     * Freezes the broker process (SIGSTOP): its sockets stay open but nothing answers, as with a broker
     * that hangs or a network partition. {@link #resume()} lets it go on.
     */
    public synchronized void pause() {
        ChildProcesses.signal(process, "STOP");
    }

    /** Lets a {@link #pause() paused} broker go on (SIGCONT). */
    public synchronized void resume() {
        ChildProcesses.signal(process, "CONT");
    }

    /**
     * Starts the same broker again: same listener and controller ports, same data directory (topics,
     * records and committed offsets survive). Stops it first if it is running. Returns once an
     * AdminClient sees the broker again. The previous process log is kept as {@code
     * kafka-<n>.log}.
     */
    public synchronized void restart() {
        stop();
        long began = System.nanoTime();
        long portDeadline = began + RESTART_PORT_WAIT.toNanos();
        try {
            restarts++;
            if (Files.exists(log(baseDir))) {
                Files.move(
                        log(baseDir),
                        baseDir.resolve("kafka-" + restarts + ".log"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            while (true) {
                Process started = launch(classpath, baseDir, port, controllerPort);
                try {
                    awaitBroker(started, baseDir, port);
                    process = started;
                    startupTime = Duration.ofNanos(System.nanoTime() - began);
                    LOG.log(
                            System.Logger.Level.INFO,
                            "Kafka restarted on 127.0.0.1:" + port + " in " + startupTime.toMillis() + " ms");
                    return;
                } catch (IllegalStateException e) {
                    ChildProcesses.stopByClosingStdin(started, 15);
                    boolean portBusy = ChildProcesses.tail(log(baseDir), 40).contains("Address already in use");
                    if (!portBusy || System.nanoTime() > portDeadline) {
                        throw e;
                    }
                    ChildProcesses.sleep(500);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restart Kafka in " + baseDir, e);
        }
    }

    /** The directory holding data and logs ({@code postgres.log} / {@code kafka.log}). */
    public Path baseDir() {
        return baseDir;
    }

    @Override
    public synchronized void close() {
        stop();
        if (deleteOnClose) {
            ChildProcesses.deleteRecursively(baseDir);
        }
    }

    private static Process launch(String classpath, Path baseDir, int port, int controllerPort) throws IOException {
        Files.createDirectories(baseDir);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                // A test broker lives for seconds to minutes: start-up time matters more than peak speed.
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-cp",
                classpath,
                BrokerClasspath.MAIN_CLASS,
                "--dir",
                baseDir.toString(),
                "--port",
                Integer.toString(port),
                "--controller-port",
                Integer.toString(controllerPort),
                "--exit-on-stdin-eof"));
        return new ProcessBuilder(command)
                .directory(baseDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log(baseDir).toFile()))
                .start();
    }

    private static void awaitBroker(Process process, Path baseDir, int port) {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        // The admin client is created only once the broker has logged its start, sparing the test
        // log dozens of "connection refused" warnings.
        while (!ChildProcesses.tail(log(baseDir), 400).contains("Kafka Server started")) {
            checkAlive(process, baseDir);
            checkDeadline(deadline, baseDir, port);
            ChildProcesses.sleep(100);
        }
        try (Admin admin = Admin.create(config)) {
            while (true) {
                checkAlive(process, baseDir);
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(3, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // not serving yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for Kafka", e);
                }
                checkDeadline(deadline, baseDir, port);
                ChildProcesses.sleep(100);
            }
        }
    }

    private static void checkAlive(Process process, Path baseDir) {
        if (!process.isAlive()) {
            throw new IllegalStateException("Kafka broker exited during start-up (exit " + process.exitValue()
                    + "); log " + log(baseDir) + ":\n" + ChildProcesses.tail(log(baseDir), 30));
        }
    }

    private static void checkDeadline(long deadline, Path baseDir, int port) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("Kafka broker did not serve on port " + port + " within "
                    + STARTUP_TIMEOUT.toSeconds() + " s; log " + log(baseDir) + ":\n"
                    + ChildProcesses.tail(log(baseDir), 30));
        }
    }

    private static Path log(Path baseDir) {
        return baseDir.resolve("kafka.log");
    }
}
