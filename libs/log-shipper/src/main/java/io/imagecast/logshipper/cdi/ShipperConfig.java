package io.imagecast.logshipper.cdi;

import io.imagecast.events.Topics;
import io.imagecast.logshipper.ShipperSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import org.eclipse.microprofile.config.Config;

/** Reads {@code imagecast.log-shipper.*} keys, falling back to the service's own settings. */
final class ShipperConfig {
    static final String PREFIX = "imagecast.log-shipper.";
    static final String PRODUCER_PREFIX = PREFIX + "producer.";

    private ShipperConfig() {}

    static ShipperSettings read(Config config) {
        String service = config.getOptionalValue(PREFIX + "service", String.class)
                .or(() -> config.getOptionalValue("quarkus.application.name", String.class))
                .orElse("unknown-service");
        String node = config.getOptionalValue(PREFIX + "node", String.class).orElseGet(ShipperConfig::hostName);
        String bootstrap = config.getOptionalValue(PREFIX + "bootstrap-servers", String.class)
                .or(() -> config.getOptionalValue("kafka.bootstrap.servers", String.class))
                .orElse("127.0.0.1:9092");
        Map<String, Object> producer = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PRODUCER_PREFIX)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> producer.put(name.substring(PRODUCER_PREFIX.length()), value));
            }
        }
        return new ShipperSettings(
                service,
                node,
                bootstrap,
                config.getOptionalValue(PREFIX + "topic", String.class).orElse(Topics.LOGS),
                config.getOptionalValue(PREFIX + "buffer-size", Integer.class)
                        .orElse(ShipperSettings.DEFAULT_BUFFER_CAPACITY),
                config.getOptionalValue(PREFIX + "batch-size", Integer.class)
                        .orElse(ShipperSettings.DEFAULT_BATCH_SIZE),
                level(config.getOptionalValue(PREFIX + "level", String.class).orElse("INFO")),
                producer);
    }

    /** Accepts the JBoss/Quarkus level names as well as java.util.logging ones. */
    static Level level(String name) {
        return switch (name.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "TRACE" -> Level.FINEST;
            case "DEBUG" -> Level.FINE;
            case "WARN" -> Level.WARNING;
            case "ERROR", "FATAL" -> Level.SEVERE;
            default -> Level.parse(name.trim().toUpperCase(java.util.Locale.ROOT));
        };
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-node";
        }
    }
}
