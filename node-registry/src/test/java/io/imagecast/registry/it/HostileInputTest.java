package io.imagecast.registry.it;

import static io.imagecast.registry.it.RegistryApi.asAdmin;
import static io.imagecast.registry.it.RegistryApi.asViewer;
import static io.imagecast.registry.it.RegistryApi.createGroup;
import static io.imagecast.registry.it.RegistryApi.group;
import static io.imagecast.registry.it.RegistryApi.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Input a hostile client sends: always a 400 problem naming the field, never a 5xx or a bare body. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class HostileInputTest {

    @Test
    void aDuplicateJsonKeyIsRefusedNamingTheKey() {
        String group = unique("g");
        createGroup(group, 32000, 32010);
        asAdmin()
                .body("{\"node\":\"x\",\"node\":\"storage-1\"}")
                .put("/api/v1/groups/" + group + "/master")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/malformed-body"))
                .body("detail", containsString("'node'"))
                .body("detail", containsString("more than once"));
    }

    @Test
    void aNulByteInAPathParameterIsRefusedBeforeTheDatabase() {
        asViewer()
                .get("/api/v1/nodes/{name}", "store\u00001")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("name"))
                .body("detail", containsString("NUL"));
    }

    @Test
    void aNulByteInAQueryFilterIsRefusedBeforeTheDatabase() {
        asViewer()
                .queryParam("group", "lab\u0000")
                .get("/api/v1/nodes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("group"))
                .body("detail", containsString("NUL"));
    }

    @Test
    void aNulByteInABodyIsRefusedNamingTheField() {
        Map<String, Object> body = group(unique("g"), 32020, 32030);
        body.put("imageRoot", "/images\u0000/x");
        asAdmin()
                .body(body)
                .post("/api/v1/groups")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("imageRoot"))
                .body("detail", containsString("NUL"));
    }

    @Test
    void aLimitThatIsNoNumberIsA400NamingTheParameter() {
        asViewer()
                .queryParam("limit", "abc")
                .get("/api/v1/nodes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("limit"));
        asViewer()
                .queryParam("limit", "abc")
                .get("/api/v1/groups")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("limit"));
    }

    @Test
    void anArrayWhereAnObjectBelongsIsATypeMismatchNotInvalidJson() {
        asAdmin()
                .body("[]")
                .post("/api/v1/groups")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", not(containsString("not valid JSON")))
                .body("detail", containsString("JSON object"));
    }
}
