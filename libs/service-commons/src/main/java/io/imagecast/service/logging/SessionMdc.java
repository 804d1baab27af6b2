package io.imagecast.service.logging;

import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * Puts a session's id (and its node, once placed) into the logging MDC for a block, so every line
 * logged about the session carries them to the log shipper; restores what was there before. Shared by
 * session-service and sender-service.
 */
public final class SessionMdc implements AutoCloseable {
    private final Object previousSession;
    private final Object previousNode;

    private SessionMdc(UUID sessionId, String nodeId) {
        previousSession = MDC.get("sessionId");
        previousNode = MDC.get("nodeId");
        MDC.put("sessionId", String.valueOf(sessionId));
        if (nodeId != null) {
            MDC.put("nodeId", nodeId);
        }
    }

    public static SessionMdc of(UUID sessionId, String nodeId) {
        return new SessionMdc(sessionId, nodeId);
    }

    @Override
    public void close() {
        restore("sessionId", previousSession);
        restore("nodeId", previousNode);
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
