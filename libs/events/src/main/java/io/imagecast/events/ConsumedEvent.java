package io.imagecast.events;

import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A consumed Kafka record read as an imagecast event: its CloudEvents attributes and its message.
 * The one way consumers decode a record.
 */
public record ConsumedEvent(EventMetadata metadata, ImagecastMessage message) {
    private static final System.Logger LOG = System.getLogger(ConsumedEvent.class.getName());

    /**
     * Decodes the record, or returns empty after a warning naming it (topic, partition, offset,
     * ce_id) when it has no CloudEvents headers, no value, or a value that is not its ce_type: such
     * a record is skipped, never retried.
     */
    public static Optional<ConsumedEvent> from(ConsumerRecord<String, byte[]> record) {
        Optional<EventMetadata> metadata = CloudEventHeaders.read(record.headers());
        if (metadata.isEmpty()) {
            return skipped(record, "no CloudEvents headers");
        }
        if (record.value() == null) {
            return skipped(record, metadata.get().id() + ": empty value");
        }
        try {
            return Optional.of(new ConsumedEvent(
                    metadata.get(), EventJson.decode(metadata.get().type(), record.value())));
        } catch (MalformedMessageException e) {
            return skipped(record, metadata.get().id() + ": " + e.getMessage());
        }
    }

    private static Optional<ConsumedEvent> skipped(ConsumerRecord<String, byte[]> record, String why) {
        LOG.log(
                System.Logger.Level.WARNING,
                "skipped record " + record.topic() + "-" + record.partition() + "@" + record.offset() + " (" + why
                        + ")");
        return Optional.empty();
    }
}
