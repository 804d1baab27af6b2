package io.imagecast.session.api;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A pool with no free connection: the request waits the acquisition timeout and is answered 503
 * problem+json with Retry-After, never 500; once the connection is back the same call succeeds.
 */
@Tag("abuse")
@QuarkusTest
@TestProfile(PoolExhaustionTest.TinyPool.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class PoolExhaustionTest extends SessionTestSupport {

    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Two, not one: Flyway holds two connections at once while it migrates at start-up.
            return Map.of(
                    "quarkus.datasource.jdbc.max-size", "2",
                    "quarkus.datasource.jdbc.min-size", "0",
                    "quarkus.datasource.jdbc.initial-size", "0",
                    "quarkus.datasource.jdbc.acquisition-timeout", "2S");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void aRequestThatFindsNoFreeConnectionIs503WithRetryAfter() throws Exception {
        try (Connection first = takeAConnection();
                Connection second = takeAConnection()) {
            as(TestTokens.viewer())
                    .get("/api/v1/sessions")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("type", equalTo("https://imagecast.io/problems/database-unavailable"))
                    .body("detail", containsString("out of connections"));
            operator()
                    .body(body(unique("pool"), "lab", ""))
                    .post("/api/v1/sessions")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> as(TestTokens.viewer()).get("/api/v1/sessions").statusCode() == 200);
    }

    /** Background jobs (liveness, outbox relay) borrow connections briefly too: retry until ours. */
    private Connection takeAConnection() {
        Connection[] taken = new Connection[1];
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            taken[0] = dataSource.getConnection();
            return true;
        });
        return taken[0];
    }
}
