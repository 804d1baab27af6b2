package io.imagecast.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/** Without a broker a pass gives up after the send timeout and the row waits, with what went wrong. */
class UnreachableBrokerTest {

    @Test
    void aRowTheBrokerNeverAcknowledgedStaysWithItsAttemptsAndError() throws Exception {
        DataSource dataSource = OutboxTables.freshOutbox();
        OutboxTables.commitRow(dataSource, "imagecast.test.v1", "{}");
        // Port 1 on loopback: nothing listens there.
        OutboxSettings settings = new OutboxSettings(
                "imagecast/test", "outbox-test-down", Duration.ofSeconds(1), 10, Duration.ofSeconds(1));
        try (KafkaProducer<String, byte[]> producer = OutboxProducer.create("127.0.0.1:1", settings)) {
            OutboxRelay relay = new OutboxRelay(dataSource, producer, settings);

            assertThat(relay.relayOnce()).isEqualTo(new OutboxRelay.Pass(1, 0));
            assertThat(relay.drain()).isZero();
        }

        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select attempts, last_error from outbox_message")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt("attempts")).isEqualTo(2);
            assertThat(rows.getString("last_error")).isNotBlank();
        }
    }
}
