package io.imagecast.registry.it;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.MalformedMessageException;
import io.imagecast.events.Topics;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeHeartbeat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Plays the sender-service (heartbeats in) and a downstream service (node events out) on real Kafka. */
final class KafkaClients implements AutoCloseable {
    /** A node event as received: the CloudEvents headers and the decoded body. */
    record ReceivedEvent(EventMetadata metadata, NodeChanged event) {}

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ReceivedEvent> received = new CopyOnWriteArrayList<>();

    KafkaClients() {
        String servers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
                new StringSerializer(),
                new ByteArraySerializer());
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        servers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "registry-test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest"),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.NODE_EVENTS));
    }

    void sendHeartbeat(NodeHeartbeat heartbeat) throws Exception {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.NODE_HEARTBEATS, heartbeat.key(), EventJson.toBytes(heartbeat));
        CloudEventHeaders.write(
                EventMetadata.newEvent(NodeHeartbeat.TYPE, "/imagecast/sender-service/" + heartbeat.nodeId(), null),
                record.headers());
        producer.send(record).get();
    }

    void sendRaw(String key, byte[] value, String ceType) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.NODE_HEARTBEATS, key, value);
        if (ceType != null) {
            CloudEventHeaders.write(EventMetadata.newEvent(ceType, "/test", null), record.headers());
        }
        producer.send(record).get();
    }

    /** Polls once; call from the awaiting thread only (the consumer is single-threaded). */
    List<ReceivedEvent> eventsOf(String nodeId) throws MalformedMessageException {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            EventMetadata metadata = CloudEventHeaders.read(record.headers()).orElseThrow();
            NodeChanged event = (NodeChanged) EventJson.decode(metadata.type(), record.value());
            if (!record.key().equals(event.node().nodeId())) {
                throw new AssertionError("event keyed " + record.key() + " carries node "
                        + event.node().nodeId());
            }
            received.add(new ReceivedEvent(metadata, event));
        }
        return received.stream()
                .filter(received -> received.event().node().nodeId().equals(nodeId))
                .toList();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        consumer.close(Duration.ofSeconds(5));
    }
}
