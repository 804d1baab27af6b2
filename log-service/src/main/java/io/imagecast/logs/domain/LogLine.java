package io.imagecast.logs.domain;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** A stored log line; empty strings stand for absent labels (as in Loki). */
public record LogLine(
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

    public Map<Label, String> labels() {
        Map<Label, String> labels = new EnumMap<>(Label.class);
        labels.put(Label.SERVICE, service);
        labels.put(Label.NODE, node);
        labels.put(Label.SESSION, sessionId);
        labels.put(Label.LEVEL, level);
        return labels;
    }

    /** The Loki "line": the message, followed by the exception summary when there is one. */
    public String line() {
        return exception == null || exception.isEmpty() ? message : message + "\n" + exception;
    }
}
