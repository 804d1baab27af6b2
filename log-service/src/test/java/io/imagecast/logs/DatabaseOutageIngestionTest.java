package io.imagecast.logs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.events.log.LogRecord;
import io.imagecast.testsupport.EmbeddedPostgres;
import io.imagecast.testsupport.InjectEmbeddedPostgres;
import io.imagecast.testsupport.OwnDatabaseProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL is really down (process stopped) for longer than SmallRye's unacknowledged-record
 * limit while lines keep arriving; once the same server is back, ingestion resumes by itself with
 * every line stored once and the service healthy, without a restart.
 */
@QuarkusTest
@TestProfile(DatabaseOutageIngestionTest.OwnDatabase.class)
class DatabaseOutageIngestionTest {
    /** Outage length: well past the shortened limit below, as the 50 s+ outages were past 60 s. */
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    public static class OwnDatabase extends OwnDatabaseProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // The throttled commit strategy fails the channel when a record stays unacknowledged
            // this long (default 60 s); 4 s lets a 10 s outage show what a 60 s+ one does.
            // The service no longer uses that strategy, so the setting must not matter any more.
            // Retries are at most 1 s apart (default 5 s) so the recovery is quick to see.
            return Map.of(
                    "mp.messaging.incoming.logs.throttled.unprocessed-record-max-age.ms", "4000",
                    "imagecast.logs.ingest.retry-backoff-max", "1s");
        }
    }

    @InjectEmbeddedPostgres
    EmbeddedPostgres postgres;

    @Inject
    DataSource dataSource;

    @Test
    void ingestionResumesByItselfAfterTheDatabaseComesBackWithEveryLineStoredOnce() throws Exception {
        assertThat(postgres).as("the dedicated server was injected").isNotNull();
        String session = "db-outage-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = LogFixtures.producer()) {
            send(producer, session, 0, 50);
            await().atMost(Duration.ofSeconds(60)).until(() -> LogFixtures.countSession(dataSource, session) == 50);

            postgres.stop();
            Instant downSince = Instant.now();
            send(producer, session, 50, 200);
            // A redelivery of a line sent during the outage must not be stored twice.
            producer.send(record(session, 60));
            producer.flush();
            // While it is down the service says it is not ready, but it is alive: no restart is due.
            await().atMost(OUTAGE).untilAsserted(() -> {
                given().get("/q/health/ready").then().statusCode(503);
                given().get("/q/health/live").then().statusCode(200);
            });
            // Fault injection, not an assertion: the database stays down for the whole outage.
            Thread.sleep(Math.max(
                    0, OUTAGE.minus(Duration.between(downSince, Instant.now())).toMillis()));
            postgres.restart();

            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> LogFixtures.countSession(dataSource, session) == 200);
            // Lines sent after the outage flow too: the channel is alive, not just drained once.
            send(producer, session, 200, 210);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> LogFixtures.countSession(dataSource, session) == 210);
        }
        assertThat(distinctMessages(session)).isEqualTo(210);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/q/health/live").then().statusCode(200);
            given().get("/q/health/ready").then().statusCode(200);
        });
    }

    private static void send(KafkaProducer<String, byte[]> producer, String session, int from, int to) {
        for (int i = from; i < to; i++) {
            producer.send(record(session, i));
        }
        producer.flush();
    }

    private static final Map<String, ProducerRecord<String, byte[]>> SENT =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The same record (same CloudEvents id) for the same line number, so a resend is a redelivery. */
    private static ProducerRecord<String, byte[]> record(String session, int line) {
        return SENT.computeIfAbsent(session + "#" + line, key -> {
            LogRecord log = LogFixtures.line(Instant.now(), "info", "svc", "n1", session, "line " + line);
            return LogFixtures.record(log);
        });
    }

    private long distinctMessages(String session) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(DISTINCT message) FROM log_line WHERE session_id = ?")) {
            statement.setString(1, session);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
