package io.imagecast.logs.domain;

import io.imagecast.events.log.LogRecord;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A record from Kafka, cleaned for storage: PostgreSQL text cannot hold NUL, labels are never null,
 * levels are lower-case, and absurd timestamps are replaced by the broker's time.
 */
public record NewLogLine(
        String eventId,
        Instant timestamp,
        String level,
        String service,
        String node,
        String sessionId,
        String logger,
        String message,
        String exception,
        Map<String, String> fields) {

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    public static NewLogLine from(String eventId, LogRecord record, Instant fallbackTime) {
        Instant ts = record.timestamp();
        if (ts == null || ts.isBefore(EARLIEST) || ts.isAfter(LATEST)) {
            ts = fallbackTime;
        }
        return new NewLogLine(
                eventId,
                ts,
                clean(record.level()).toLowerCase(Locale.ROOT).replace("warning", "warn"),
                clean(record.service()),
                clean(record.node()),
                clean(record.sessionId()),
                clean(record.logger()),
                clean(record.message()),
                record.exception() == null ? null : clean(record.exception()),
                record.fields());
    }

    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        return value.indexOf('\0') >= 0 ? value.replace("\0", "") : value;
    }

    public LogLine withId(long id) {
        return new LogLine(id, timestamp, level, service, node, sessionId, logger, message, exception, fields);
    }
}
