package io.imagecast.session.api;

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
 * The shared token rules and role hierarchy are wired into session-service (sender-service's
 * AuthenticationTest covers every rule).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class AuthenticationTest extends SessionTestSupport {

    @Test
    void anOperatorOnlyOrAdminOnlyTokenReadsAndCreates() {
        for (String role : new String[] {"operator", "admin"}) {
            as(TestTokens.forGroups(role)).get("/api/v1/sessions").then().statusCode(200);
            // Past the role check: the storage group does not exist, which only an authorised caller learns.
            as(TestTokens.forGroups(role))
                    .body(body(unique(role + "-only"), unique("auth-group"), ""))
                    .post("/api/v1/sessions")
                    .then()
                    .statusCode(404);
        }
    }

    @Test
    void rolesAreNotImpliedUpwards() {
        as(TestTokens.viewer())
                .body(body(unique("viewer"), unique("auth-group"), ""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(403);
    }

    @Test
    void aForeignAudienceOrAnOverlongLifetimeIsRefused() {
        as(TestTokens.builder().claim("aud", "grafana").sign())
                .get("/api/v1/sessions")
                .then()
                .statusCode(401);
        as(TestTokens.builder().lifetime(Duration.ofDays(36_500)).sign())
                .get("/api/v1/sessions")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void healthDetailsOnlyWithAToken() {
        assertThat(given().get("/q/health").then().extract().asString())
                .doesNotContain("\"data\"", "jdbc:", "127.0.0.1");
        assertThat(given().auth()
                        .oauth2(TestTokens.viewer())
                        .get("/api/v1/health")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("\"checks\"");
    }
}
