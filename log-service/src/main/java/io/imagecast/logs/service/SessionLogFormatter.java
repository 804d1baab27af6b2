package io.imagecast.logs.service;

import io.imagecast.logs.config.LogsConfig;
import io.imagecast.logs.domain.LogLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * FOG's multicast.log line shape, {@code [mm-dd-yy h:mm:ss am] text}, extended with level, service
 * and node so one file can mix every service's view of the session.
 */
@ApplicationScoped
public class SessionLogFormatter {
    private final DateTimeFormatter stamp;

    public SessionLogFormatter(LogsConfig config) {
        this.stamp = DateTimeFormatter.ofPattern("MM-dd-yy h:mm:ss a", Locale.ROOT)
                .withZone(config.download().zone());
    }

    public String format(LogLine line) {
        StringBuilder text = new StringBuilder(160)
                .append('[')
                .append(stamp.format(line.timestamp()).toLowerCase(Locale.ROOT))
                .append("] ")
                .append(String.format(Locale.ROOT, "%-5s", line.level().toUpperCase(Locale.ROOT)))
                .append(' ')
                .append(line.service());
        if (line.node() != null && !line.node().isEmpty()) {
            text.append('@').append(line.node());
        }
        text.append(" | ").append(line.message().replace("\n", "\n    ")).append('\n');
        if (line.exception() != null && !line.exception().isEmpty()) {
            for (String exceptionLine : line.exception().split("\n")) {
                text.append("    ").append(exceptionLine.strip()).append('\n');
            }
        }
        return text.toString();
    }
}
