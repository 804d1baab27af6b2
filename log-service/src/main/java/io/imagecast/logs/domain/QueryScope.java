package io.imagecast.logs.domain;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client request's reads: every statement {@link LogStore} runs on the request's thread gets
 * the request's statement timeout (set per transaction), and the statement in flight can be
 * cancelled from another thread when the client hangs up.
 */
public final class QueryScope {
    /** PostgreSQL's SQLSTATE for a statement stopped by statement_timeout or a cancel request. */
    public static final String QUERY_CANCELED = "57014";

    private static final ThreadLocal<QueryScope> CURRENT = new ThreadLocal<>();

    private final Duration timeout;
    private final AtomicReference<Statement> running = new AtomicReference<>();
    private volatile boolean clientGone;

    public QueryScope(Duration timeout) {
        this.timeout = timeout;
    }

    static QueryScope current() {
        return CURRENT.get();
    }

    public void bind() {
        CURRENT.set(this);
    }

    public void unbind() {
        CURRENT.remove();
    }

    public Duration timeout() {
        return timeout;
    }

    public boolean clientGone() {
        return clientGone;
    }

    /** The client closed its connection: stop the statement in flight, refuse further ones. */
    public void clientClosed() {
        clientGone = true;
        Statement statement = running.get();
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // the statement finished or its connection broke: nothing is left running
            }
        }
    }

    /** Starts the transaction whose statements the timeout applies to. */
    void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement set = connection.createStatement()) {
            set.execute("SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis()));
        }
    }

    void watch(Statement statement) throws SQLException {
        running.set(statement);
        if (clientGone) {
            throw new SQLException("the client closed its connection", QUERY_CANCELED);
        }
    }

    void release() {
        running.set(null);
    }
}
