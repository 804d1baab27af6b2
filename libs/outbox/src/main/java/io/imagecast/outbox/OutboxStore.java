package io.imagecast.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The relay's statements on the outbox table, each run on the caller's connection and transaction. */
final class OutboxStore {
    /**
     * Only the head of each key (no older row with the same key is left) is claimable, and a claimed
     * row stays locked until its relay commits. A second relay therefore skips a key whose head is
     * in flight instead of publishing the key's next row ahead of it.
     */
    private static final String CLAIM_HEADS =
            "select id, event_id, topic, message_key, ce_type, ce_subject, occurred_at, payload, attempts"
                    + " from outbox_message m"
                    + " where not exists (select 1 from outbox_message older"
                    + "   where older.message_key = m.message_key and older.id < m.id)"
                    + " order by id limit ? for update skip locked";

    private static final String DELETE = "delete from outbox_message where id = any (?)";
    private static final String FAILED =
            "update outbox_message set attempts = attempts + 1, last_error = ? where id = ?";
    private static final String COUNT = "select count(*) from outbox_message";
    private static final int MAX_ERROR_LENGTH = 2000;

    private OutboxStore() {}

    static List<PendingMessage> claimHeads(Connection connection, int limit) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_HEADS)) {
            claim.setInt(1, limit);
            List<PendingMessage> claimed = new ArrayList<>();
            try (ResultSet rows = claim.executeQuery()) {
                while (rows.next()) {
                    OutboxMessage message = new OutboxMessage(
                            rows.getString("event_id"),
                            rows.getString("topic"),
                            rows.getString("message_key"),
                            rows.getString("ce_type"),
                            rows.getString("ce_subject"),
                            rows.getTimestamp("occurred_at").toInstant(),
                            rows.getBytes("payload"));
                    claimed.add(new PendingMessage(rows.getLong("id"), message, rows.getInt("attempts")));
                }
            }
            return claimed;
        }
    }

    static void delete(Connection connection, Collection<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
            delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
            delete.executeUpdate();
        }
    }

    static void recordFailure(Connection connection, long id, String error) throws SQLException {
        try (PreparedStatement failed = connection.prepareStatement(FAILED)) {
            failed.setString(1, error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error);
            failed.setLong(2, id);
            failed.executeUpdate();
        }
    }

    static long count(Connection connection) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(COUNT);
                ResultSet rows = count.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
