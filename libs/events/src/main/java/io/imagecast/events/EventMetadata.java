package io.imagecast.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** The CloudEvents attributes carried as Kafka headers (binary content mode). */
public record EventMetadata(String id, String type, String source, Instant time, String subject) {
    public EventMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
    }

    public static EventMetadata newEvent(String type, String source, String subject) {
        return new EventMetadata(UUID.randomUUID().toString(), type, source, Instant.now(), subject);
    }
}
