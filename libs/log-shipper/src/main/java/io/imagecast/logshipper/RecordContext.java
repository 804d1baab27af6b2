package io.imagecast.logshipper;

import java.util.Map;

/**
 * Reads the MDC and the formatted message of a record. With JBoss LogManager (every Quarkus
 * service) records are {@code ExtLogRecord}s carrying their MDC; without it, there is no MDC.
 */
interface RecordContext {
    Map<String, String> mdc(java.util.logging.LogRecord record);

    String formattedMessage(java.util.logging.LogRecord record);

    static RecordContext detect() {
        try {
            Class.forName("org.jboss.logmanager.ExtLogRecord", false, RecordContext.class.getClassLoader());
            return new JBossRecordContext();
        } catch (ClassNotFoundException | LinkageError e) {
            return new PlainRecordContext();
        }
    }
}
