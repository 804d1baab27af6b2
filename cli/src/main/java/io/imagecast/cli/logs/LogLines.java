package io.imagecast.cli.logs;

import com.fasterxml.jackson.databind.JsonNode;
import io.imagecast.cli.api.Printer;

/** A log line as one line of text: time, level, service, node, session, message. */
final class LogLines {
    private LogLines() {}

    static String format(Printer out, JsonNode line) {
        StringBuilder text = new StringBuilder()
                .append(line.path("timestamp").asText())
                .append(' ')
                .append(out.paint(
                        String.format("%-5s", line.path("level").asText().toUpperCase(java.util.Locale.ROOT))))
                .append(' ')
                .append(line.path("service").asText());
        if (line.hasNonNull("node")) {
            text.append(" node=").append(line.get("node").asText());
        }
        if (line.hasNonNull("sessionId")) {
            text.append(" session=").append(line.get("sessionId").asText());
        }
        text.append("  ").append(line.path("message").asText());
        if (line.hasNonNull("exception")) {
            text.append(System.lineSeparator())
                    .append("    ")
                    .append(line.get("exception").asText());
        }
        return text.toString();
    }
}
