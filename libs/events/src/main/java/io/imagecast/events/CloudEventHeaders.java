package io.imagecast.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Reads and writes CloudEvents 1.0 binary-mode attributes on Kafka record headers. */
public final class CloudEventHeaders {
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    private CloudEventHeaders() {}

    public static void write(EventMetadata metadata, Headers headers) {
        put(headers, SPEC_VERSION, "1.0");
        put(headers, ID, metadata.id());
        put(headers, TYPE, metadata.type());
        put(headers, SOURCE, metadata.source());
        put(headers, TIME, metadata.time().toString());
        if (metadata.subject() != null) {
            put(headers, SUBJECT, metadata.subject());
        }
        put(headers, CONTENT_TYPE, "application/json");
    }

    /** Empty when a required attribute is missing or unreadable: such a record is not ours to trust. */
    public static Optional<EventMetadata> read(Headers headers) {
        Optional<String> id = get(headers, ID);
        Optional<String> type = get(headers, TYPE);
        Optional<String> source = get(headers, SOURCE);
        Optional<String> time = get(headers, TIME);
        if (id.isEmpty() || type.isEmpty() || source.isEmpty() || time.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new EventMetadata(
                    id.get(),
                    type.get(),
                    source.get(),
                    Instant.parse(time.get()),
                    get(headers, SUBJECT).orElse(null)));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<String> get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
