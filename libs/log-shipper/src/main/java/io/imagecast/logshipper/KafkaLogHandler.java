package io.imagecast.logshipper;

import io.imagecast.events.log.LogRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;

/**
 * A java.util.logging handler (and so a JBoss LogManager handler) that turns each record into an
 * imagecast {@link LogRecord} and hands it to a {@link LogShipper}. {@link #publish} never blocks
 * and never throws.
 */
public final class KafkaLogHandler extends Handler {
    /** MDC key carrying the multicast session id of the work being logged. */
    public static final String MDC_SESSION_ID = "sessionId";
    /** MDC key overriding the configured node id (e.g. a sender working for another node). */
    public static final String MDC_NODE_ID = "nodeId";

    /** Kafka client and shipper feedback; Hibernate's statement and bind-value loggers are SQL only. */
    private static final String[] IGNORED_LOGGER_PREFIXES = {
        "org.apache.kafka.", "io.imagecast.logshipper.", "org.hibernate.SQL", "org.hibernate.orm.jdbc.bind"
    };

    private final LogShipper shipper;
    private final RecordContext context = RecordContext.detect();

    public KafkaLogHandler(LogShipper shipper) {
        this.shipper = shipper;
        setLevel(shipper.settings().minimumLevel());
    }

    public LogShipper shipper() {
        return shipper;
    }

    @Override
    public void publish(java.util.logging.LogRecord record) {
        try {
            if (record == null || !isLoggable(record) || isFeedback(record)) {
                return;
            }
            shipper.offer(toLogRecord(record));
        } catch (RuntimeException e) {
            // Logging must never break the caller; the record is lost and counted.
            shipper.stats().countSendFailed(1);
        }
    }

    LogRecord toLogRecord(java.util.logging.LogRecord record) {
        Map<String, String> mdc = context.mdc(record);
        Map<String, String> fields = new LinkedHashMap<>();
        mdc.forEach((key, value) -> {
            if (!MDC_SESSION_ID.equals(key) && !MDC_NODE_ID.equals(key) && value != null) {
                fields.put(key, value);
            }
        });
        String node = mdc.get(MDC_NODE_ID);
        return new LogRecord(
                record.getInstant(),
                LevelNames.of(record.getLevel()),
                shipper.settings().service(),
                node == null || node.isBlank() ? shipper.settings().node() : node,
                blankToNull(mdc.get(MDC_SESSION_ID)),
                record.getLoggerName(),
                SqlRedaction.redact(String.valueOf(context.formattedMessage(record))),
                ExceptionSummary.of(record.getThrown()),
                fields.isEmpty() ? null : fields);
    }

    private boolean isFeedback(java.util.logging.LogRecord record) {
        if (shipper.isShipperThread()) {
            return true;
        }
        String logger = record.getLoggerName();
        if (logger == null) {
            return false;
        }
        for (String prefix : IGNORED_LOGGER_PREFIXES) {
            if (logger.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public void flush() {
        // The shipper flushes continuously; nothing to force here without blocking the caller.
    }

    @Override
    public void close() {
        shipper.close(LogShipper.DEFAULT_CLOSE_TIMEOUT);
    }

    @Override
    public boolean isLoggable(java.util.logging.LogRecord record) {
        Level threshold = getLevel();
        return record.getLevel().intValue() >= threshold.intValue();
    }
}
