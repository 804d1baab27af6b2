package io.imagecast.logs.domain;

import java.time.Duration;

/** A read ran past its statement timeout and PostgreSQL stopped it. */
public class QueryTooExpensiveException extends RuntimeException {
    private final Duration timeout;

    public QueryTooExpensiveException(Duration timeout) {
        super("the query ran longer than " + timeout.toMillis()
                + " ms and was stopped; narrow the time range or the filters");
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
