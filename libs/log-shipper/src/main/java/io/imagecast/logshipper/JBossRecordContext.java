package io.imagecast.logshipper;

import java.util.Map;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;

/** Only loaded when JBoss LogManager is on the class path (see {@link RecordContext#detect()}). */
final class JBossRecordContext implements RecordContext {
    private final PlainRecordContext plain = new PlainRecordContext();

    @Override
    public Map<String, String> mdc(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getMdcCopy();
        }
        return org.jboss.logmanager.MDC.copy();
    }

    @Override
    public String formattedMessage(LogRecord record) {
        if (record instanceof ExtLogRecord ext) {
            return ext.getFormattedMessage();
        }
        return plain.formattedMessage(record);
    }
}
