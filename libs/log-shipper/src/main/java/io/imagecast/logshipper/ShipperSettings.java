package io.imagecast.logshipper;

import java.util.Map;
import java.util.Objects;
import java.util.logging.Level;

/**
 * How a {@link LogShipper} behaves.
 *
 * @param service service name stamped on every record (label {@code service})
 * @param node node id used when the MDC carries no {@code nodeId}
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic Kafka topic (normally {@code imagecast.logs.v1})
 * @param bufferCapacity records held in memory while Kafka is slow; beyond it new records are dropped
 * @param batchSize records handed to the producer per drain
 * @param minimumLevel records below this level are ignored
 * @param producerOverrides extra Kafka producer properties (win over the defaults)
 */
public record ShipperSettings(
        String service,
        String node,
        String bootstrapServers,
        String topic,
        int bufferCapacity,
        int batchSize,
        Level minimumLevel,
        Map<String, Object> producerOverrides) {

    public static final int DEFAULT_BUFFER_CAPACITY = 10_000;
    public static final int DEFAULT_BATCH_SIZE = 500;

    public ShipperSettings {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(minimumLevel, "minimumLevel");
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("bufferCapacity must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        producerOverrides = producerOverrides == null ? Map.of() : Map.copyOf(producerOverrides);
    }

    public static ShipperSettings defaults(String service, String node, String bootstrapServers) {
        return new ShipperSettings(
                service,
                node,
                bootstrapServers,
                io.imagecast.events.Topics.LOGS,
                DEFAULT_BUFFER_CAPACITY,
                DEFAULT_BATCH_SIZE,
                Level.INFO,
                Map.of());
    }
}
