package io.imagecast.sender.service;

import io.imagecast.service.logging.SessionMdc;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The per-session log (FOG's multicast.log.udpcast.&lt;id&gt;): every line carries the session and node
 * ids in the MDC, whichever thread writes it, so the log shipper can file it under the session.
 */
public final class SessionLog {
    private static final Logger LOG = Logger.getLogger("io.imagecast.sender.session");

    private final UUID sessionId;
    private final String nodeId;

    public SessionLog(UUID sessionId, String nodeId) {
        this.sessionId = sessionId;
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
        try (SessionMdc ignored = SessionMdc.of(sessionId, nodeId)) {
            LOG.logf(level, format, args);
        }
    }
}
