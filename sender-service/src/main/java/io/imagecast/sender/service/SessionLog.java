package io.imagecast.sender.service;

import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The per-session log (FOG's multicast.log.udpcast.&lt;id&gt;): every line carries the session and node
 * ids in the MDC, whichever thread writes it, so the log shipper can file it under the session.
 */
public final class SessionLog {
    private static final Logger LOG = Logger.getLogger("io.imagecast.sender.session");

    private final String sessionId;
    private final String nodeId;

    public SessionLog(UUID sessionId, String nodeId) {
        this.sessionId = sessionId.toString();
        this.nodeId = nodeId;
    }

    public void info(String format, Object... args) {
        log(Logger.Level.INFO, format, args);
    }

    public void warn(String format, Object... args) {
        log(Logger.Level.WARN, format, args);
    }

    public void error(String format, Object... args) {
        log(Logger.Level.ERROR, format, args);
    }

    private void log(Logger.Level level, String format, Object... args) {
        Object previousSession = MDC.get("sessionId");
        Object previousNode = MDC.get("nodeId");
        MDC.put("sessionId", sessionId);
        MDC.put("nodeId", nodeId);
        try {
            LOG.logf(level, format, args);
        } finally {
            restore("sessionId", previousSession);
            restore("nodeId", previousNode);
        }
    }

    private static void restore(String key, Object previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
