package io.imagecast.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Child-JVM entry point: a single-node KRaft broker (combined broker + controller) on 127.0.0.1.
 *
 * <p>Usage: {@code KRaftBroker --dir DIR --port PORT --controller-port PORT [--log-level LEVEL]
 * [--exit-on-stdin-eof] [--set key=value]...}. Writes {@code DIR/server.properties} and {@code
 * DIR/log4j2.properties}, formats {@code DIR/data} once, then runs {@code kafka.Kafka}. With
 * {@code --exit-on-stdin-eof} the broker stops when its parent closes stdin or dies, so a killed
 * test JVM never leaves a broker behind.
 */
public final class KRaftBroker {

    private KRaftBroker() {}

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        Files.createDirectories(options.dir());
        Path log4j = writeLog4jConfig(options);
        // Must be set before any Kafka class initialises logging.
        System.setProperty("log4j2.configurationFile", log4j.toString());
        Path serverProperties = writeServerProperties(options);

        int formatted = kafka.tools.StorageTool.execute(
                new String[] {
                    "format", "-t", clusterId(options.dir()), "-c", serverProperties.toString(), "--ignore-formatted"
                },
                System.out);
        if (formatted != 0) {
            System.err.println(
                    "imagecast: formatting Kafka storage in " + options.dir() + " failed (exit " + formatted + ")");
            System.exit(2);
        }
        if (options.exitOnStdinEof()) {
            watchStdin();
        }
        kafka.Kafka.main(new String[] {serverProperties.toString()});
    }

    static Map<String, String> serverConfig(Options options) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + options.controllerPort());
        config.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + options.port() + ",CONTROLLER://127.0.0.1:" + options.controllerPort());
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + options.port());
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        config.put("log.dirs", options.dir().resolve("data").toString());
        config.put("num.partitions", "1");
        config.put("auto.create.topics.enable", "true");
        // Single node: every internal topic has one replica, and few partitions keep start-up fast.
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("transaction.state.log.num.partitions", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.putAll(options.overrides());
        return config;
    }

    private static Path writeServerProperties(Options options) throws IOException {
        String text = serverConfig(options).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "# written by imagecast KRaftBroker\n", "\n"));
        Path file = options.dir().resolve("server.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Path writeLog4jConfig(Options options) throws IOException {
        String text = String.join(
                "\n",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
                "rootLogger.level = " + options.logLevel(),
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.statechange.name = state.change.logger",
                "logger.statechange.level = WARN",
                "logger.request.name = kafka.request.logger",
                "logger.request.level = WARN",
                "");
        Path file = options.dir().resolve("log4j2.properties");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** The cluster id is kept next to the data so a restarted broker reuses its formatted storage. */
    private static String clusterId(Path dir) throws IOException {
        Path file = dir.resolve("cluster.id");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] bytes = new byte[16];
        SecureRandom random = new SecureRandom();
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-")); // a leading dash reads as a command-line option
        Files.writeString(file, id + "\n");
        return id;
    }

    private static void watchStdin() {
        Thread watcher = new Thread(
                () -> {
                    try (InputStream in = System.in) {
                        byte[] buffer = new byte[256];
                        while (in.read(buffer) >= 0) {
                            // ignore input; only the end of the stream matters
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    } finally {
                        System.err.println("imagecast: parent closed stdin, stopping the Kafka broker");
                        System.exit(0);
                    }
                },
                "imagecast-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    record Options(
            Path dir,
            int port,
            int controllerPort,
            String logLevel,
            boolean exitOnStdinEof,
            Map<String, String> overrides) {

        static Options parse(String[] args) {
            Path dir = null;
            int port = -1;
            int controllerPort = -1;
            String logLevel = "INFO";
            boolean exitOnStdinEof = false;
            Map<String, String> overrides = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--dir" -> dir = Path.of(value(args, ++i, arg));
                    case "--port" -> port = Integer.parseInt(value(args, ++i, arg));
                    case "--controller-port" -> controllerPort = Integer.parseInt(value(args, ++i, arg));
                    case "--log-level" -> logLevel = value(args, ++i, arg);
                    case "--exit-on-stdin-eof" -> exitOnStdinEof = true;
                    case "--set" -> {
                        String pair = value(args, ++i, arg);
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--set expects key=value, got " + pair);
                        }
                        overrides.put(pair.substring(0, eq), pair.substring(eq + 1));
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            if (dir == null || port <= 0 || controllerPort <= 0) {
                throw new IllegalArgumentException(
                        "usage: KRaftBroker --dir DIR --port PORT --controller-port PORT [--log-level LEVEL]"
                                + " [--exit-on-stdin-eof] [--set key=value]...");
            }
            return new Options(dir.toAbsolutePath(), port, controllerPort, logLevel, exitOnStdinEof, overrides);
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }
    }
}
