package io.imagecast.logs.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The shared token rules and role hierarchy are wired into log-service (sender-service's
 * AuthenticationTest covers every rule).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class AuthenticationTest {

    @Test
    void operatorOrAdminAloneCanRead() {
        given().auth()
                .oauth2(TestTokens.forGroups("operator"))
                .get("/api/v1/logs")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.forGroups("admin"))
                .get("/api/v1/logs")
                .then()
                .statusCode(200);
    }

    @Test
    void aForeignAudienceOrAnOverlongLifetimeIsRefused() {
        given().auth()
                .oauth2(TestTokens.builder().claim("aud", "grafana").sign())
                .get("/api/v1/logs")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.builder().lifetime(Duration.ofDays(36_500)).sign())
                .get("/api/v1/logs")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void healthDetailsOnlyWithAToken() {
        assertThat(given().get("/q/health").then().extract().asString()).doesNotContain("\"data\"");
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/health").then().statusCode(200);
    }
}
