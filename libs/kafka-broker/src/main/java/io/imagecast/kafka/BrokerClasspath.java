package io.imagecast.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The classpath of the real Kafka broker, written by the build into this module's jar.
 *
 * <p>Only JDK classes here: consumers exclude this module's transitive dependencies so that the
 * broker's jars never land on a service's or test's own classpath; the broker runs in a child JVM.
 */
public final class BrokerClasspath {

    /** Resource written by maven-dependency-plugin (build-classpath) at build time. */
    public static final String RESOURCE = "io/imagecast/kafka/broker.classpath";

    /** Main class of the child JVM: formats storage when needed, then runs {@code kafka.Kafka}. */
    public static final String MAIN_CLASS = "io.imagecast.kafka.KRaftBroker";

    private BrokerClasspath() {}

    /** The jars the broker needs, each checked to exist. */
    public static List<Path> brokerJars() {
        String raw = readResource();
        List<Path> jars = new ArrayList<>();
        for (String entry : raw.trim().split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path jar = Path.of(entry.trim());
            if (!Files.exists(jar)) {
                throw new IllegalStateException("Kafka broker jar missing: " + jar
                        + " (the local Maven repository changed; run: mvn -B -pl libs/kafka-broker install)");
            }
            jars.add(jar);
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("Kafka broker classpath is empty; rebuild libs/kafka-broker");
        }
        return jars;
    }

    /** Full classpath for the child JVM: this module (for {@link #MAIN_CLASS}) plus the broker jars. */
    public static String childJvmClasspath() {
        List<String> parts = new ArrayList<>();
        parts.add(moduleLocation().toString());
        brokerJars().forEach(jar -> parts.add(jar.toString()));
        return String.join(File.pathSeparator, parts);
    }

    /**
     * The jar (or classes directory) this module was loaded from: from the code source, or, when a
     * class loader (Quarkus' test loader, for one) hides it, from the URL of the classpath resource.
     */
    public static Path moduleLocation() {
        return fromCodeSource()
                .or(BrokerClasspath::fromResourceUrl)
                .orElseThrow(() -> new IllegalStateException(
                        "Cannot locate the imagecast-kafka-broker jar (code source and resource URL both unusable)"));
    }

    private static Optional<Path> fromCodeSource() {
        try {
            CodeSource source = BrokerClasspath.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            return existing(Path.of(source.getLocation().toURI()));
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> fromResourceUrl() {
        URL url = BrokerClasspath.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            return Optional.empty();
        }
        String text = url.toString();
        try {
            if (text.startsWith("jar:file:") && text.contains("!/")) {
                return existing(Path.of(new URI(text.substring("jar:".length(), text.indexOf("!/")))));
            }
            if (text.startsWith("file:") && text.endsWith(RESOURCE)) {
                return existing(Path.of(new URI(text.substring(0, text.length() - RESOURCE.length()))));
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<Path> existing(Path path) {
        return Files.exists(path.resolve(RESOURCE)) || Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    private static String readResource() {
        try (InputStream in = BrokerClasspath.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "Kafka broker classpath resource " + RESOURCE + " not found; build libs/kafka-broker first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + RESOURCE, e);
        }
    }
}
