package io.imagecast.e2e;

import io.imagecast.testsupport.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged imagecast service ({@code target/quarkus-app/quarkus-run.jar}) run as a child process. */
final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final int port;
    private final Path log;
    private final ProcessBuilder builder;
    private Process process;

    private ServiceProcess(String name, int port, Path log, ProcessBuilder builder) throws IOException {
        this.name = name;
        this.port = port;
        this.log = log;
        this.builder = builder;
        this.process = builder.start();
    }

    static ServiceProcess start(Path projectRoot, String module, Map<String, String> env, Path logDir)
            throws IOException {
        Path jar = projectRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: package the services first (mvn package, which the reactor does before e2e)");
        }
        int port = FreePorts.next();
        Path log = logDir.resolve(module + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-jar",
                jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .directory(logDir.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("IMAGECAST_LOG_JSON", "false");
        return new ServiceProcess(module, port, log, builder);
    }

    /** Kills the process without warning (kill -9: a crash or a lost machine) and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the service again with the same port and settings, as a supervisor (systemd, Kubernetes) would. */
    void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        process = builder.start();
    }

    String name() {
        return name;
    }

    /** The running process's id, to read its resource use from /proc. */
    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until the service answers its readiness check, failing early when the process died. */
    void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + "; see " + log);
    }

    /** Stops the service the way an operator would (SIGTERM), so it can shut down gracefully. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    Path log() {
        return log;
    }
}
