package io.imagecast.session.api;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.imagecast.testsupport.EmbeddedPostgres;
import io.imagecast.testsupport.InjectEmbeddedPostgres;
import io.imagecast.testsupport.OwnDatabaseProfile;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real database stopped: reads and writes answer 503 problem+json with Retry-After, not 500. */
@QuarkusTest
@TestProfile(OwnDatabaseProfile.class)
class DatabaseOutageTest extends SessionTestSupport {

    @InjectEmbeddedPostgres
    EmbeddedPostgres postgres;

    @AfterEach
    void restart() {
        if (!postgres.isRunning()) {
            postgres.restart();
        }
    }

    @Test
    void aStoppedDatabaseIs503WithRetryAfterAndTheServiceRecoversByItself() {
        as(TestTokens.viewer()).get("/api/v1/sessions").then().statusCode(200);

        postgres.stop();

        as(TestTokens.viewer())
                .get("/api/v1/sessions")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://imagecast.io/problems/database-unavailable"));
        as(TestTokens.viewer())
                .get("/api/v1/sessions/{id}", UUID.randomUUID())
                .then()
                .statusCode(503)
                .header("Retry-After", equalTo("5"));
        operator()
                .body(body(unique("down"), "lab", ""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"));

        postgres.restart();

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        as(TestTokens.viewer()).get("/api/v1/sessions").then().statusCode(200));
    }
}
