package io.imagecast.logs.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Expensive reads against the real PostgreSQL: stopped by their statement timeout (a 422, never a
 * 5xx), and cancelled when the client hangs up.
 */
@Tag("abuse")
@QuarkusTest
@TestProfile(RunawayQueryTest.Timeouts.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class RunawayQueryTest {
    private static final int LINES = 20_000;

    /** Searches and metadata time out at once; Loki queries run long enough to be abandoned. */
    public static class Timeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "imagecast.logs.query.timeout.search", "1ms",
                    "imagecast.logs.query.timeout.metadata", "1ms",
                    "imagecast.logs.query.timeout.loki", "120s");
        }
    }

    @Inject
    DataSource dataSource;

    private final String service = "runaway-" + UUID.randomUUID();
    /** Two days back: outside the default ranges other test classes query. */
    private final Instant newest = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void storeManyLines() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO log_line"
                        + " (ts, level, service, node, session_id, logger, message, event_id)"
                        + " SELECT ?::timestamptz - g * interval '100 milliseconds', 'info', ?, 'node-a', '', 'test',"
                        + " 'block ' || g || ' sent to 12 receivers', ? || g FROM generate_series(1, ?) AS g")) {
            insert.setString(1, newest.toString());
            insert.setString(2, service);
            insert.setString(3, service + "-");
            insert.setInt(4, LINES);
            insert.executeUpdate();
        }
    }

    @AfterEach
    void removeLines() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM log_line WHERE service = ?")) {
            delete.setString(1, service);
            delete.executeUpdate();
        }
    }

    @Test
    void aSearchPastItsStatementTimeoutIsA422ProblemNamingTheSetting() {
        given().auth()
                .oauth2(TestTokens.viewer())
                .queryParam("service", service)
                .queryParam("regex", "never [0-9]+ matches")
                .queryParam("from", newest.minus(1, ChronoUnit.DAYS).toString())
                .queryParam("to", newest.plusSeconds(1).toString())
                .get("/api/v1/logs")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/log-query-too-expensive"))
                .body("detail", containsString("imagecast.logs.query.timeout.search"));
    }

    @Test
    void aLokiMetadataQueryPastItsTimeoutIsA422() {
        given().auth()
                .oauth2(TestTokens.viewer())
                .queryParam("query", "{service=\"" + service + "\"}")
                .queryParam("start", newest.minus(1, ChronoUnit.DAYS).toString())
                .queryParam("end", newest.plusSeconds(1).toString())
                .get("/loki/api/v1/index/stats")
                .then()
                .statusCode(422)
                .body(containsString("was stopped"));
    }

    @Test
    void aQueryWhoseClientHangsUpIsCancelledInPostgres() throws Exception {
        // ~9,600 evaluation times, each counting up to 20,000 lines: minutes of PostgreSQL CPU
        String query = "count_over_time({service=\"" + service + "\"}[1d])";
        String target = "/loki/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&start=" + newest.minus(1, ChronoUnit.DAYS) + "&end=" + newest.plus(1, ChronoUnit.DAYS)
                + "&step=18s";
        try (Socket client = new Socket("127.0.0.1", RestAssured.port)) {
            OutputStream out = client.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TestTokens.viewer()
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> runningCounts() == 1);
            Thread.sleep(500); // the client waits half a second, then hangs up
        }

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> runningCounts() == 0);
    }

    /** Statements of the count query still active in PostgreSQL (this query excluded). */
    private int runningCounts() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()"
                        + " AND query LIKE '%JOIN log_line ON ts >%'");
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
