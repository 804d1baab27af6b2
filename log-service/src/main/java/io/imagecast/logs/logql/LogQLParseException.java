package io.imagecast.logs.logql;

import io.imagecast.logs.domain.InvalidQueryException;

/** Worded like Loki's own parse errors so Grafana shows something familiar. */
public class LogQLParseException extends InvalidQueryException {
    public LogQLParseException(int column, String message) {
        super("parse error at line 1, col " + column + ": " + message);
    }
}
