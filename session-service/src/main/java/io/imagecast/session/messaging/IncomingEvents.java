package io.imagecast.session.messaging;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.MalformedMessageException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/** Decodes a Kafka record into its CloudEvents metadata and message; unreadable records are skipped. */
final class IncomingEvents {
    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    record Decoded(EventMetadata metadata, ImagecastMessage message) {}

    private IncomingEvents() {}

    static Optional<Decoded> decode(ConsumerRecord<String, byte[]> record) {
        Optional<EventMetadata> metadata = CloudEventHeaders.read(record.headers());
        if (metadata.isEmpty()) {
            LOG.warnf(
                    "skipped record %s-%d@%d: no CloudEvents headers",
                    record.topic(), record.partition(), record.offset());
            return Optional.empty();
        }
        if (record.value() == null) {
            LOG.warnf("skipped record %s-%d@%d: empty value", record.topic(), record.partition(), record.offset());
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new Decoded(metadata.get(), EventJson.decode(metadata.get().type(), record.value())));
        } catch (MalformedMessageException e) {
            LOG.warnf(
                    "skipped record %s-%d@%d (%s): %s",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    metadata.get().id(),
                    e.getMessage());
            return Optional.empty();
        }
    }
}
