package io.imagecast.sender.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A transfer id that is no UUID is the client's mistake, named as such, not an unknown path. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class HostileInputTest {

    @Test
    void aTransferIdThatIsNoUuidIsA400NamingTheParameter() {
        given().auth()
                .oauth2(TestTokens.viewer())
                .get("/api/v1/transfers/{id}", "not-a-uuid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/validation-failed"))
                .body("detail", containsString("sessionId: must be a UUID"));
    }
}
