package io.imagecast.logs.logql;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus-style durations: {@code 1h30m}, {@code 5m}, {@code 250ms}, {@code 1d}, {@code 1w}. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d|w|y)");

    /** Ten years: more than any retention, small enough for instant arithmetic and PostgreSQL. */
    private static final long MAX_MILLIS = 10 * 31_536_000_000L;

    private Durations() {}

    public static Duration parse(String text, int column) {
        Matcher matcher = PART.matcher(text);
        long millis = 0;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            double amount = Double.parseDouble(matcher.group(1));
            long unit = switch (matcher.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                case "w" -> 604_800_000L;
                default -> 31_536_000_000L;
            };
            if (amount * unit > MAX_MILLIS - millis) {
                throw new LogQLParseException(column, "syntax error: bad duration " + text + " (longer than 10y)");
            }
            millis += Math.round(amount * unit);
            end = matcher.end();
        }
        if (end != text.length() || end == 0 || millis <= 0) {
            throw new LogQLParseException(column, "syntax error: bad duration " + text);
        }
        return Duration.ofMillis(millis);
    }
}
