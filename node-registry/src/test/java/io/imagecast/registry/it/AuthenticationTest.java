package io.imagecast.registry.it;

import static io.imagecast.registry.it.RegistryApi.group;
import static io.imagecast.registry.it.RegistryApi.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The shared token rules and role hierarchy are wired into node-registry (sender-service's
 * AuthenticationTest covers every rule).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class AuthenticationTest {

    @Test
    void anAdminOnlyTokenReadsAndWritesAndAnOperatorOnlyTokenReads() {
        given().auth()
                .oauth2(TestTokens.forGroups("admin"))
                .contentType(ContentType.JSON)
                .body(group(unique("g"), 33000, 33010))
                .post("/api/v1/groups")
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(TestTokens.forGroups("admin"))
                .get("/api/v1/nodes")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.forGroups("operator"))
                .get("/api/v1/groups")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.forGroups("operator"))
                .contentType(ContentType.JSON)
                .body(group(unique("g"), 33020, 33030))
                .post("/api/v1/groups")
                .then()
                .statusCode(403);
    }

    @Test
    void aForeignAudienceOrAnOverlongLifetimeIsRefused() {
        given().auth()
                .oauth2(TestTokens.builder().claim("aud", "grafana").sign())
                .get("/api/v1/nodes")
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.builder().lifetime(Duration.ofDays(36_500)).sign())
                .get("/api/v1/nodes")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void healthDetailsOnlyWithAToken() {
        String anonymous = given().get("/q/health").then().extract().asString();
        assertThat(anonymous).contains("\"checks\"").doesNotContain("\"data\"", "bootstrap", "127.0.0.1");
        assertThat(given().auth()
                        .oauth2(TestTokens.viewer())
                        .get("/api/v1/health")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .contains("\"data\"");
    }
}
