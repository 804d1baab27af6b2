package io.imagecast.logs.domain;

import java.time.Instant;

/** Lines matching {@code selector} with {@code from <= ts < to}, after {@code cursor}, at most {@code limit}. */
public record LineQuery(Selector selector, Instant from, Instant to, int limit, Direction direction, Cursor cursor) {
    public LineQuery {
        if (!from.isBefore(to)) {
            throw new InvalidQueryException("the start of the time range must be before its end");
        }
        if (limit < 1) {
            throw new InvalidQueryException("limit must be at least 1");
        }
    }
}
