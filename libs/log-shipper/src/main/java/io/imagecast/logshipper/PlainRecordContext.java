package io.imagecast.logshipper;

import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** java.util.logging without JBoss LogManager: no MDC, JUL-style {0} parameters. */
final class PlainRecordContext implements RecordContext {
    private static final Formatter FORMATTER = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    @Override
    public Map<String, String> mdc(LogRecord record) {
        return Map.of();
    }

    @Override
    public String formattedMessage(LogRecord record) {
        return FORMATTER.formatMessage(record);
    }
}
