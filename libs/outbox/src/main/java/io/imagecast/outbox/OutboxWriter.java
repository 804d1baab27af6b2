package io.imagecast.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;

/**
 * Writes outbox rows, inside the transaction of the change the message describes, so both commit or
 * neither does.
 */
public final class OutboxWriter {
    private static final String INSERT = "insert into outbox_message"
            + " (event_id, topic, message_key, ce_type, ce_subject, occurred_at, payload)"
            + " values (?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    public OutboxWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Queues the message on the current transaction's connection (under JTA the pool hands out the
     * connection of the running transaction).
     *
     * @throws IllegalStateException outside a transaction: a row committed on its own could be
     *     published for a change that is then rolled back
     */
    public void write(OutboxMessage message) {
        try (Connection connection = dataSource.getConnection()) {
            write(connection, message);
        } catch (SQLException e) {
            throw new OutboxException("cannot queue " + message.ceType() + " " + message.eventId(), e);
        }
    }

    /** Queues the message on the given connection, inside the transaction it has open. */
    public static void write(Connection connection, OutboxMessage message) {
        try {
            if (connection.getAutoCommit()) {
                throw new IllegalStateException(
                        "outbox message " + message.ceType() + " written outside the transaction of its change");
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, message.eventId());
                insert.setString(2, message.topic());
                insert.setString(3, message.key());
                insert.setString(4, message.ceType());
                insert.setString(5, message.ceSubject());
                insert.setTimestamp(6, Timestamp.from(message.occurredAt()));
                insert.setBytes(7, message.payload());
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw new OutboxException("cannot queue " + message.ceType() + " " + message.eventId(), e);
        }
    }
}
