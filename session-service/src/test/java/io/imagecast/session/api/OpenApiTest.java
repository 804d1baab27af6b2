package io.imagecast.session.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class OpenApiTest {

    @Test
    void documentsEverySessionEndpointWithItsMethods() {
        JsonPath doc = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");

        assertThat(paths)
                .containsKeys(
                        "/api/v1/sessions",
                        "/api/v1/sessions/{id}",
                        "/api/v1/sessions/{id}/events",
                        "/api/v1/sessions/{id}/cancel",
                        "/api/v1/sessions/{id}/hosts/{host}");
        assertThat(paths.get("/api/v1/sessions")).containsKeys("post", "get", "delete");
        assertThat(paths.get("/api/v1/sessions/{id}")).containsKey("get");
        assertThat(paths.get("/api/v1/sessions/{id}/events")).containsKey("get");
        assertThat(paths.get("/api/v1/sessions/{id}/cancel")).containsKey("post");
        assertThat(paths.get("/api/v1/sessions/{id}/hosts/{host}")).containsKey("delete");

        assertThat(doc.getMap("paths.'/api/v1/sessions'.post.requestBody.content.'application/json'.schema"))
                .as("the create body is described")
                .isNotEmpty();
        assertThat(doc.getList("paths.'/api/v1/sessions'.post.parameters.name", String.class))
                .contains("Idempotency-Key");
        assertThat(doc.getMap("components.schemas")).containsKeys("CreateSessionRequest", "SessionView");
        assertThat(doc.getMap("paths.'/api/v1/sessions'.post.security[0]"))
                .as("writes are documented as needing the bearer token")
                .isNotNull();
    }
}
