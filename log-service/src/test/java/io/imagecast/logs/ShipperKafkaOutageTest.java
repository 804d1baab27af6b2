package io.imagecast.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.events.Topics;
import io.imagecast.events.log.LogRecord;
import io.imagecast.logshipper.LogShipper;
import io.imagecast.logshipper.ShipperSettings;
import io.imagecast.testsupport.DedicatedKafkaTestResource;
import io.imagecast.testsupport.EmbeddedKafka;
import io.imagecast.testsupport.InjectEmbeddedKafka;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/**
 * The broker process is really down while a service keeps logging: lines the shipper could not
 * deliver are not a silent gap in the stored session log, a marker line accounts for them.
 */
@QuarkusTest
@TestProfile(ShipperKafkaOutageTest.OwnBroker.class)
class ShipperKafkaOutageTest {

    /** A broker this class may stop; the shared per-JVM broker stays untouched for other classes. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(PostgresTestResource.class),
                    new TestResourceEntry(DedicatedKafkaTestResource.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @InjectEmbeddedKafka
    EmbeddedKafka kafka;

    @Inject
    DataSource dataSource;

    @Test
    void linesLostDuringABrokerOutageAreMarkedInTheStoredSessionLog() throws Exception {
        String session = "kafka-outage-" + UUID.randomUUID();
        // Short producer timeouts (defaults: 2 s blocking, 30 s delivery) so the outage is short too.
        ShipperSettings settings = new ShipperSettings(
                "sender-service",
                "node-t",
                kafka.bootstrapServers(),
                Topics.LOGS,
                10_000,
                500,
                Level.INFO,
                Map.of(
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2_000,
                        ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
        Instant t0 = Instant.now();
        try (LogShipper shipper = new LogShipper(settings)) {
            offer(shipper, session, t0, 0, 10);
            await().atMost(Duration.ofSeconds(60)).until(() -> storedLines(session) == 10);

            kafka.stop();
            offer(shipper, session, t0, 10, 40);
            await().atMost(Duration.ofSeconds(30)).until(() -> shipper.stats().droppedSendFailed() > 0);
            kafka.restart();
            // The service keeps logging; once the producer has reconnected, lines go through again
            // (the ones logged before that are counted by a marker).
            int[] next = {40};
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        offer(shipper, session, t0, next[0], next[0] + 1);
                        next[0]++;
                        return shipper.stats().shipped() >= 20;
                    });
            int offered = next[0];

            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        assertThat(storedLines(session)).isGreaterThanOrEqualTo(20);
                        // Every line is stored or counted by a marker in the same session.
                        assertThat(storedLines(session) + markedLines(session)).isGreaterThanOrEqualTo(offered);
                    });
            assertThat(markedLines(session)).isPositive();
        }
    }

    private static void offer(LogShipper shipper, String session, Instant t0, int from, int to) {
        for (int i = from; i < to; i++) {
            shipper.offer(new LogRecord(
                    t0.plusMillis(i), "info", "sender-service", "node-t", session, "l", "line " + i, null, null));
        }
    }

    private long storedLines(String session) throws Exception {
        return single(
                "SELECT count(DISTINCT message) FROM log_line WHERE session_id = ? AND message LIKE 'line %'", session);
    }

    private long markedLines(String session) throws Exception {
        return single(
                "SELECT coalesce(sum((fields->>'droppedLines')::bigint), 0) FROM log_line"
                        + " WHERE session_id = ? AND fields->>'droppedLines' IS NOT NULL",
                session);
    }

    private long single(String sql, String session) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, session);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
