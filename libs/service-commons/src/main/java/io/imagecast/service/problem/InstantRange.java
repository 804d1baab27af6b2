package io.imagecast.service.problem;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The instants a request may carry: ISO-8601, between the years 1 and 9999. Java accepts up to
 * the year 1,000,000,000, PostgreSQL stores up to 294276, and an instant beyond what a column holds
 * would fail in the database instead of in the request.
 */
public final class InstantRange {
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");
    public static final String RULE =
            "must be an ISO-8601 instant between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, such as"
                    + " 2026-01-31T12:00:00Z";

    private InstantRange() {}

    /** Parses an ISO-8601 instant; a value outside the range is refused naming the parameter. */
    public static Instant parse(String parameter, String text) {
        Instant instant;
        try {
            instant = Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(parameter, RULE);
        }
        return check(parameter, instant);
    }

    /** The instant itself if it lies in the range, else the 400 naming the parameter. */
    public static Instant check(String parameter, Instant instant) {
        if (!contains(instant)) {
            throw new InvalidParameterException(parameter, RULE);
        }
        return instant;
    }

    public static boolean contains(Instant instant) {
        return instant == null || (!instant.isBefore(EARLIEST) && !instant.isAfter(LATEST));
    }
}
