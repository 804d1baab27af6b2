package io.imagecast.e2e;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.EventTypes;
import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.MalformedMessageException;
import io.imagecast.events.Topics;
import io.imagecast.events.transfer.TransferEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

/** Plays session-service towards one sender: sends its commands and records its transfer events. */
final class TransferEventTap implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TransferEvent> events = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    TransferEventTap(String bootstrapServers) {
        Properties producerProps = new Properties();
        producerProps.putAll(Map.of(
                "bootstrap.servers", bootstrapServers,
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", ByteArraySerializer.class.getName()));
        producer = new KafkaProducer<>(producerProps);
        Properties consumerProps = new Properties();
        consumerProps.putAll(Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "group.id",
                "e2e-tap-" + UUID.randomUUID(),
                "auto.offset.reset",
                "earliest",
                "key.deserializer",
                StringDeserializer.class.getName(),
                "value.deserializer",
                ByteArrayDeserializer.class.getName()));
        consumer = new KafkaConsumer<>(consumerProps);
        consumer.subscribe(List.of(Topics.TRANSFER_EVENTS));
        poller = new Thread(this::poll, "transfer-event-tap");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    CloudEventHeaders.read(record.headers()).ifPresent(metadata -> {
                        try {
                            if (EventJson.decode(metadata.type(), record.value()) instanceof TransferEvent event) {
                                events.add(event);
                            }
                        } catch (MalformedMessageException e) {
                            // only well-formed events matter to the assertions
                        }
                    });
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    void send(ImagecastMessage command) throws Exception {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Topics.SESSION_COMMANDS, command.key(), EventJson.toBytes(command));
        CloudEventHeaders.write(
                EventMetadata.newEvent(EventTypes.typeOf(command), "/imagecast/e2e", null), record.headers());
        producer.send(record).get();
    }

    <T extends TransferEvent> List<T> events(UUID session, Class<T> type) {
        return events.stream()
                .filter(e -> e.sessionId().equals(session))
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        producer.close();
    }
}
