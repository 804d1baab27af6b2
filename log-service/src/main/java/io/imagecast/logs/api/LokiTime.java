package io.imagecast.logs.api;

import io.imagecast.logs.domain.InvalidQueryException;
import io.imagecast.logs.logql.Durations;
import io.imagecast.service.problem.InstantRange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Loki's time parameter formats: Unix nanoseconds, Unix seconds (possibly fractional), or RFC 3339. */
public final class LokiTime {
    private LokiTime() {}

    public static Instant parse(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Instant instant = parseInstant(name, value);
        if (!InstantRange.contains(instant)) {
            throw new InvalidQueryException("invalid parameter \"" + name + "\": \"" + value
                    + "\" is outside the supported range (years 1 to 9999)");
        }
        return instant;
    }

    private static Instant parseInstant(String name, String value) {
        String text = value.trim();
        try {
            if (text.matches("-?\\d+")) {
                long number = Long.parseLong(text);
                // Up to 10 digits is seconds (Loki's rule); longer is nanoseconds.
                return text.length() <= 10 ? Instant.ofEpochSecond(number) : Instant.ofEpochSecond(0, number);
            }
            if (text.matches("-?\\d+\\.\\d+")) {
                BigDecimal seconds = new BigDecimal(text);
                long whole = seconds.longValue();
                long nanos = seconds.subtract(BigDecimal.valueOf(whole))
                        .movePointRight(9)
                        .longValue();
                return Instant.ofEpochSecond(whole, nanos);
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new InvalidQueryException(
                    "invalid parameter \"" + name + "\": cannot parse \"" + value + "\" to a valid timestamp");
        }
    }

    /** A step: a duration such as {@code 15s} or a number of seconds. */
    public static Duration step(String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String text = value.trim();
        Duration step;
        if (text.matches("\\d+(\\.\\d+)?")) {
            step = Duration.ofNanos(new BigDecimal(text).movePointRight(9).longValue());
        } else {
            try {
                step = Durations.parse(text, 1);
            } catch (InvalidQueryException e) {
                throw new InvalidQueryException(
                        "invalid parameter \"step\": cannot parse \"" + value + "\" to a valid duration");
            }
        }
        if (step.isZero() || step.isNegative()) {
            throw new InvalidQueryException(
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        return step;
    }

    /** Loki's default step: the range split into about 250 points, at least one second. */
    public static Duration defaultStep(Instant start, Instant end) {
        long seconds = Math.max(1, Duration.between(start, end).toSeconds() / 250);
        return Duration.ofSeconds(seconds);
    }

    public static String nanos(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond())
                .movePointRight(9)
                .add(BigDecimal.valueOf(instant.getNano()))
                .toPlainString();
    }

    /** Seconds with millisecond precision, as Loki writes sample times. */
    public static BigDecimal seconds(Instant instant) {
        BigDecimal seconds = BigDecimal.valueOf(instant.toEpochMilli(), 3).stripTrailingZeros();
        return seconds.scale() < 0 ? seconds.setScale(0) : seconds;
    }
}
