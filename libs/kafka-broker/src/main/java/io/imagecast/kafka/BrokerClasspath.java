package io.imagecast.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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

    /** The jar (or classes directory) this class was loaded from. */
    public static Path moduleLocation() {
        try {
            return Path.of(BrokerClasspath.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("Cannot locate the imagecast-kafka-broker jar", e);
        }
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
