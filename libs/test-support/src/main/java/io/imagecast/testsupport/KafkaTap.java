package io.imagecast.testsupport;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.ConsumedEvent;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.EventTypes;
import io.imagecast.events.ImagecastMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's own end of the real broker: publishes events the way the services do (key
 * {@code message.key()}, value {@link EventJson}, CloudEvents headers) and reads topics back decoded
 * with {@link ConsumedEvent#from}, so a test plays whichever service sits on the other side.
 *
 * <p>{@link #listen} records every event of some topics on a background thread, from their first
 * record; {@link #read} reads a topic from its first record in the calling thread until a condition
 * holds; {@link #records} and {@link #replayReversed} work on the raw records. Publishing waits for
 * the broker's acknowledgement, so a published event is on the topic when the call returns.
 */
public final class KafkaTap implements AutoCloseable {
    /** An event read from a topic: where it was, its CloudEvents attributes and its message. */
    public record TappedEvent(String topic, String key, EventMetadata metadata, ImagecastMessage message) {}

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final String source;
    private final KafkaProducer<String, byte[]> producer;
    private final List<TappedEvent> heard = new CopyOnWriteArrayList<>();
    private volatile KafkaConsumer<String, byte[]> listener;
    private volatile boolean closed;

    private KafkaTap(String bootstrapServers, String source) {
        this.bootstrapServers = bootstrapServers;
        this.source = source;
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.LINGER_MS_CONFIG,
                        0),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** A tap on the broker; what it publishes carries {@code source} as its {@code ce_source}. */
    public static KafkaTap connect(String bootstrapServers, String source) {
        return new KafkaTap(bootstrapServers, source);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    // ---- publishing ----

    /** Publishes the message with a fresh {@code ce_id} and no subject; returns its attributes. */
    public EventMetadata publish(String topic, ImagecastMessage message) {
        EventMetadata metadata = EventMetadata.newEvent(EventTypes.typeOf(message), source, null);
        publish(topic, message, metadata);
        return metadata;
    }

    /** Publishes the message with the given attributes (a replayed {@code ce_id}, an old {@code ce_time}). */
    public void publish(String topic, ImagecastMessage message, EventMetadata metadata) {
        publishRaw(topic, message.key(), EventJson.toBytes(message), metadata);
    }

    /** Publishes any value, with CloudEvents headers from {@code metadata}, or none when it is null. */
    public void publishRaw(String topic, String key, byte[] value, EventMetadata metadata) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (metadata != null) {
            CloudEventHeaders.write(metadata, record.headers());
        }
        send(record);
    }

    private void send(ProducerRecord<String, byte[]> record) {
        acknowledged(producer.send(record), record.topic());
    }

    private static void acknowledged(Future<RecordMetadata> sent, String topic) {
        try {
            sent.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    // ---- listening in the background ----

    /**
     * Starts recording every decodable event of the topics, from their first record, in a consumer
     * group of its own; {@link #heard()} returns what arrived so far. Once per tap.
     */
    public KafkaTap listen(String... topics) {
        if (listener != null) {
            throw new IllegalStateException("this tap already listens");
        }
        KafkaConsumer<String, byte[]> consumer = consumer("imagecast-test-tap-" + UUID.randomUUID());
        consumer.subscribe(List.of(topics));
        listener = consumer;
        Thread poller = new Thread(() -> poll(consumer), "kafka-test-tap");
        poller.setDaemon(true);
        poller.start();
        return this;
    }

    private void poll(KafkaConsumer<String, byte[]> consumer) {
        try {
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    decode(record).ifPresent(heard::add);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Every event heard so far, in arrival order. */
    public List<TappedEvent> heard() {
        return List.copyOf(heard);
    }

    /** The messages heard so far that are of the given type, in arrival order. */
    public <T> List<T> messages(Class<T> type) {
        return heard.stream()
                .map(TappedEvent::message)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    // ---- reading in the calling thread ----

    /**
     * Reads the topic from its first record, outside any consumer group, keeping the events
     * {@code keep} accepts, until {@code until} holds for them or the timeout passes; returns what
     * it kept either way. A topic that does not exist yet is waited for.
     */
    public List<TappedEvent> read(
            String topic,
            Predicate<? super TappedEvent> keep,
            Predicate<? super List<TappedEvent>> until,
            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TappedEvent> kept = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(null)) {
            List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
            if (partitions.isEmpty()) {
                return kept;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (System.nanoTime() < deadline && !until.test(kept)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    decode(record).filter(keep).ifPresent(kept::add);
                }
            }
            return kept;
        }
    }

    /** The topic's raw records, from its first to the last one written before this call. */
    public List<ConsumerRecord<String, byte[]>> records(String topic, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = consumer(null)) {
            List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * Publishes every record the topic holds once more, newest first, with the same key, value and
     * headers: each consumer then sees every event twice, the copies after newer events and in
     * reverse order (what a producer retry, a relay resending after a crash or a restored backup
     * does). Returns how many records it replayed.
     */
    public int replayReversed(String topic, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(records(topic, timeout));
        Collections.reverse(records);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            sent.add(producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers())));
        }
        for (Future<RecordMetadata> future : sent) {
            acknowledged(future, topic);
        }
        return records.size();
    }

    private static List<TopicPartition> awaitPartitions(
            KafkaConsumer<String, byte[]> consumer, String topic, long deadline) {
        // A topic appears with its first record; until then there is nothing to assign.
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (!partitions.isEmpty() || System.nanoTime() >= deadline) {
                return partitions;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for topic " + topic, e);
            }
        }
    }

    private KafkaConsumer<String, byte[]> consumer(String groupId) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false));
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Optional<TappedEvent> decode(ConsumerRecord<String, byte[]> record) {
        return ConsumedEvent.from(record)
                .map(event -> new TappedEvent(record.topic(), record.key(), event.metadata(), event.message()));
    }

    /** Stops listening and closes the producer. */
    @Override
    public void close() {
        closed = true;
        KafkaConsumer<String, byte[]> consumer = listener;
        if (consumer != null) {
            consumer.wakeup();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
