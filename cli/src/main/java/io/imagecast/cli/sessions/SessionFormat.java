package io.imagecast.cli.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Sizes, rates, percentages and bars as a person reads them. */
final class SessionFormat {
    private SessionFormat() {}

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static String rate(long bitsPerSecond) {
        return String.format(Locale.ROOT, "%.1f Mbit/s", bitsPerSecond / 1e6);
    }

    /** "45.3% of 1.2 GiB", or the bytes sent when the total is not known yet. */
    static String progress(long sent, JsonNode total) {
        if (total.isNumber() && total.asLong() > 0) {
            return String.format(Locale.ROOT, "%.1f%% of %s", percent(sent, total.asLong()), bytes(total.asLong()));
        }
        return sent > 0 ? bytes(sent) : "-";
    }

    static double percent(long part, long total) {
        return total <= 0 ? 0 : Math.min(100.0, 100.0 * part / total);
    }

    /** A bar of {@code width} cells, e.g. {@code [##########----------]}. */
    static String bar(double percent, int width) {
        int filled = (int) Math.round(width * Math.max(0, Math.min(100, percent)) / 100.0);
        return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "]";
    }

    /** A receiver's label: its name, else IP, else MAC. */
    static String host(JsonNode receiver) {
        for (String field : new String[] {"name", "ip", "mac"}) {
            if (receiver.hasNonNull(field)) {
                return receiver.get(field).asText();
            }
        }
        return "?";
    }
}
