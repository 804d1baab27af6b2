package io.imagecast.outbox;

import io.imagecast.events.EventJson;
import io.imagecast.events.ImagecastMessage;
import java.time.Instant;
import java.util.Objects;

/**
 * One record owed to Kafka: where it goes, its key, its CloudEvents attributes (all but
 * {@code source}, which is the publishing service's) and its JSON value.
 */
public record OutboxMessage(
        String eventId, String topic, String key, String ceType, String ceSubject, Instant occurredAt, byte[] payload) {
    public OutboxMessage {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ceType, "ceType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(payload, "payload");
    }

    /** The message as imagecast publishes it: key from {@link ImagecastMessage#key()}, value from {@link EventJson}. */
    public static OutboxMessage of(
            String topic, ImagecastMessage message, String eventId, String ceType, String ceSubject, Instant time) {
        return new OutboxMessage(eventId, topic, message.key(), ceType, ceSubject, time, EventJson.toBytes(message));
    }
}
