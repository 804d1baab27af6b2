package io.imagecast.events.log;

import io.imagecast.events.ImagecastMessage;
import java.time.Instant;
import java.util.Map;

/** One structured log line of any service, as shipped to the logs topic. */
public record LogRecord(
        Instant timestamp,
        String level,
        String service,
        String node,
        String sessionId,
        String logger,
        String message,
        String exception,
        Map<String, String> fields)
        implements ImagecastMessage {
    public static final String TYPE = "imagecast.log.record.v1";

    @Override
    public String key() {
        return sessionId;
    }
}
