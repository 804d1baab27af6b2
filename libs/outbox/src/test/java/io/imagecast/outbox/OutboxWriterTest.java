package io.imagecast.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboxWriterTest {
    private DataSource dataSource;

    @BeforeEach
    void emptyOutbox() throws Exception {
        dataSource = OutboxTables.freshOutbox();
    }

    @Test
    void aRowCommitsOrRollsBackWithTheTransactionThatWroteIt() throws Exception {
        Instant time = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OutboxMessage kept = message("kept", time);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            OutboxWriter.write(connection, message("rolled-back", time));
            connection.rollback();
            OutboxWriter.write(connection, kept);
            connection.commit();
        }

        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select * from outbox_message")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("event_id")).isEqualTo(kept.eventId());
            assertThat(rows.getString("topic")).isEqualTo("imagecast.test.v1");
            assertThat(rows.getString("message_key")).isEqualTo("kept");
            assertThat(rows.getString("ce_type")).isEqualTo("test.row");
            assertThat(rows.getString("ce_subject")).isEqualTo("subject-kept");
            assertThat(rows.getTimestamp("occurred_at").toInstant()).isEqualTo(time);
            assertThat(new String(rows.getBytes("payload"), StandardCharsets.UTF_8))
                    .isEqualTo("{\"k\":\"kept\"}");
            assertThat(rows.getInt("attempts")).isZero();
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void aWriteOutsideATransactionIsRefusedAndLeavesNoRow() throws Exception {
        OutboxWriter writer = new OutboxWriter(dataSource);

        assertThatThrownBy(() -> writer.write(message("alone", Instant.now())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside the transaction");
        assertThat(OutboxTables.count(dataSource)).isZero();
    }

    private static OutboxMessage message(String key, Instant time) {
        return new OutboxMessage(
                UUID.randomUUID().toString(),
                "imagecast.test.v1",
                key,
                "test.row",
                "subject-" + key,
                time,
                ("{\"k\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
