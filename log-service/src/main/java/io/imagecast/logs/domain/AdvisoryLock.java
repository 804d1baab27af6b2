package io.imagecast.logs.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A session-level PostgreSQL advisory lock on one connection, released on close. Session level
 * rather than transaction level because {@code CREATE INDEX CONCURRENTLY} cannot run inside a
 * transaction; if the connection dies, PostgreSQL releases the lock with the session.
 */
final class AdvisoryLock implements AutoCloseable {
    private final Connection connection;
    private final long key;
    private final boolean held;

    private AdvisoryLock(Connection connection, long key, boolean held) {
        this.connection = connection;
        this.key = key;
        this.held = held;
    }

    /** Waits until no other session holds the lock. */
    static AdvisoryLock await(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, key);
            lock.execute();
        }
        return new AdvisoryLock(connection, key, true);
    }

    /** Takes the lock if it is free; {@link #held()} says whether it was. */
    static AdvisoryLock tryTake(Connection connection, long key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)");
                ResultSet result = executeQuery(lock, key)) {
            result.next();
            return new AdvisoryLock(connection, key, result.getBoolean(1));
        }
    }

    private static ResultSet executeQuery(PreparedStatement statement, long key) throws SQLException {
        statement.setLong(1, key);
        return statement.executeQuery();
    }

    boolean held() {
        return held;
    }

    @Override
    public void close() throws SQLException {
        if (!held) {
            return;
        }
        // A pooled connection goes back to the pool: the lock must not stay with it.
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, key);
            unlock.execute();
        }
    }
}
