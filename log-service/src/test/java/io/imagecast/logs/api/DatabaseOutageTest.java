package io.imagecast.logs.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.imagecast.testsupport.EmbeddedPostgres;
import io.imagecast.testsupport.InjectEmbeddedPostgres;
import io.imagecast.testsupport.OwnDatabaseProfile;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real database stopped: the REST and Loki APIs answer 503 with Retry-After. */
@QuarkusTest
@TestProfile(OwnDatabaseProfile.class)
class DatabaseOutageTest {

    @InjectEmbeddedPostgres
    EmbeddedPostgres postgres;

    @AfterEach
    void restart() {
        if (!postgres.isRunning()) {
            postgres.restart();
        }
    }

    @Test
    void aStoppedDatabaseIs503WithRetryAfterOnBothApis() {
        postgres.stop();

        given().auth()
                .oauth2(TestTokens.viewer())
                .get("/api/v1/logs")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("https://imagecast.io/problems/log-storage-unavailable"));
        given().auth()
                .oauth2(TestTokens.viewer())
                .queryParam("query", "{service=\"x\"}")
                .get("/loki/api/v1/query_range")
                .then()
                .statusCode(503)
                .header("Retry-After", equalTo("5"));
    }
}
