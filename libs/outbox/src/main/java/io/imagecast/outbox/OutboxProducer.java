package io.imagecast.outbox;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The relay's Kafka producer: acknowledged by all replicas, idempotent, bounded by the send timeout. */
public final class OutboxProducer {
    private OutboxProducer() {}

    public static KafkaProducer<String, byte[]> create(String bootstrapServers, OutboxSettings settings) {
        return new KafkaProducer<>(
                config(bootstrapServers, settings), new StringSerializer(), new ByteArraySerializer());
    }

    static Map<String, Object> config(String bootstrapServers, OutboxSettings settings) {
        int timeoutMs = (int) settings.sendTimeout().toMillis();
        int requestTimeoutMs = Math.max(1000, timeoutMs / 2);
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                // Retries never reorder or duplicate records of one partition.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.CLIENT_ID_CONFIG,
                settings.clientId(),
                // Without these a send to an unreachable broker blocks for a minute or more.
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                requestTimeoutMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Math.max(timeoutMs, requestTimeoutMs),
                ProducerConfig.LINGER_MS_CONFIG,
                0,
                ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
                2000);
    }
}
