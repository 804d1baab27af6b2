package io.imagecast.logs.service;

import io.imagecast.logs.domain.LogLine;
import java.time.Instant;
import java.util.Map;

/** A log line as the REST API and the viewer see it; id 0 in a live tail when another replica stores it. */
public record LogLineView(
        long id,
        Instant timestamp,
        String level,
        String service,
        String node,
        String sessionId,
        String logger,
        String message,
        String exception,
        Map<String, String> fields) {

    public static LogLineView of(LogLine line) {
        return new LogLineView(
                line.id(),
                line.timestamp(),
                line.level(),
                line.service(),
                emptyToNull(line.node()),
                emptyToNull(line.sessionId()),
                emptyToNull(line.logger()),
                line.message(),
                line.exception(),
                line.fields());
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
