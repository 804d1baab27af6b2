package io.imagecast.sender;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.EventTypes;
import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.MalformedMessageException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Sends commands the way session-service does and records every message on the given topics. */
public final class KafkaProbe implements AutoCloseable {
    public record Received(String topic, String key, EventMetadata metadata, ImagecastMessage message) {}

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public KafkaProbe(String bootstrapServers, List<String> topics) {
        Properties producerProps = new Properties();
        producerProps.putAll(Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "key.serializer",
                StringSerializer.class.getName(),
                "value.serializer",
                ByteArraySerializer.class.getName(),
                "acks",
                "all"));
        producer = new KafkaProducer<>(producerProps);
        Properties consumerProps = new Properties();
        consumerProps.putAll(Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "group.id",
                "probe-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest",
                "key.deserializer",
                StringDeserializer.class.getName(),
                "value.deserializer",
                ByteArrayDeserializer.class.getName()));
        consumer = new KafkaConsumer<>(consumerProps);
        consumer.subscribe(topics);
        poller = new Thread(this::poll, "kafka-probe");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Optional<EventMetadata> metadata = CloudEventHeaders.read(record.headers());
                    if (metadata.isEmpty()) {
                        continue;
                    }
                    try {
                        ImagecastMessage message =
                                EventJson.decode(metadata.get().type(), record.value());
                        received.add(new Received(record.topic(), record.key(), metadata.get(), message));
                    } catch (MalformedMessageException e) {
                        // not ours to judge here; tests look only at what decodes
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    public void send(String topic, ImagecastMessage message) {
        send(topic, message, EventMetadata.newEvent(EventTypes.typeOf(message), "/test/session-service", null));
    }

    public void send(String topic, ImagecastMessage message, EventMetadata metadata) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, message.key(), EventJson.toBytes(message));
        CloudEventHeaders.write(metadata, record.headers());
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not send test command", e);
        }
    }

    public <T> List<T> messages(Class<T> type) {
        return received.stream()
                .map(Received::message)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        producer.close();
    }
}
