package io.imagecast.session;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.EventTypes;
import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.Topics;
import io.imagecast.events.node.GroupSnapshot;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.events.node.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** The other side of the real broker: plays the registry and the sender, reads the commands. */
public final class TestBroker {
    private TestBroker() {}

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    public static void publish(String topic, ImagecastMessage message) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record =
                    new ProducerRecord<>(topic, message.key(), EventJson.toBytes(message));
            CloudEventHeaders.write(
                    EventMetadata.newEvent(EventTypes.typeOf(message), "test/sender", null), record.headers());
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    /** Publishes the same record twice with one ce_id, as an at-least-once producer may. */
    public static void publishTwice(String topic, ImagecastMessage message) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            EventMetadata metadata = EventMetadata.newEvent(EventTypes.typeOf(message), "test/sender", null);
            for (int i = 0; i < 2; i++) {
                ProducerRecord<String, byte[]> record =
                        new ProducerRecord<>(topic, message.key(), EventJson.toBytes(message));
                CloudEventHeaders.write(metadata, record.headers());
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    public static void announceGroup(
            String group,
            String master,
            NodeStatus status,
            List<String> problems,
            int windowStart,
            int windowEnd,
            int maxSessions) {
        announceGroup(group, master, "eth0", status, problems, windowStart, windowEnd, maxSessions);
    }

    /** The group's master as the registry announces it, with the given multicast interface (null: none). */
    public static void announceGroup(
            String group,
            String master,
            String multicastInterface,
            NodeStatus status,
            List<String> problems,
            int windowStart,
            int windowEnd,
            int maxSessions) {
        GroupSnapshot snapshot = new GroupSnapshot(
                group, "/images", windowStart, windowEnd, List.of("239.77.0.0/30"), maxSessions, false);
        publish(
                Topics.NODE_EVENTS,
                new NodeChanged(
                        NodeChange.CONFIGURED,
                        new NodeSnapshot(
                                master,
                                snapshot,
                                "127.0.0.1",
                                true,
                                true,
                                multicastInterface,
                                null,
                                maxSessions,
                                status,
                                problems,
                                Instant.now())));
    }

    /** Every command for the session published so far, waiting up to the timeout for a match. */
    public static List<Received> commandsFor(UUID sessionId, Predicate<List<Received>> until, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<Received> found = new ArrayList<>();
            // The topic only exists once the relay published its first command: until then there is
            // nothing to assign, and polling an unassigned consumer throws.
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(Topics.SESSION_COMMANDS, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                if (partitions.isEmpty()) {
                    pause();
                }
            }
            if (partitions.isEmpty()) {
                return found;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline && !until.test(found)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    Optional<EventMetadata> metadata = CloudEventHeaders.read(record.headers());
                    if (metadata.isPresent()
                            && sessionId.toString().equals(metadata.get().subject())) {
                        found.add(new Received(record.key(), metadata.get(), decode(metadata.get(), record.value())));
                    }
                }
            }
            return found;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the commands topic", e);
        }
    }

    private static ImagecastMessage decode(EventMetadata metadata, byte[] value) {
        try {
            return EventJson.decode(metadata.type(), value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public record Received(String key, EventMetadata metadata, ImagecastMessage message) {}
}
