package io.imagecast.registry.it;

import static io.imagecast.registry.it.RegistryApi.asAdmin;
import static io.imagecast.registry.it.RegistryApi.asViewer;
import static io.imagecast.registry.it.RegistryApi.createGroup;
import static io.imagecast.registry.it.RegistryApi.createNode;
import static io.imagecast.registry.it.RegistryApi.group;
import static io.imagecast.registry.it.RegistryApi.node;
import static io.imagecast.registry.it.RegistryApi.postGroup;
import static io.imagecast.registry.it.RegistryApi.postNode;
import static io.imagecast.registry.it.RegistryApi.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class GroupApiTest {
    @Test
    void createReadUpdateWithEtags() {
        String name = unique("grp");
        String etag = createGroup(name, 20000, 20098);
        assertThat(etag).isEqualTo("\"0\"");

        asViewer()
                .get("/api/v1/groups/" + name)
                .then()
                .statusCode(200)
                .header("ETag", etag)
                .body("portWindowStart", equalTo(20000))
                .body("multicastPool[0]", equalTo("239.1.0.0/24"))
                .body("master", nullValue());

        Map<String, Object> changed = group(name, 20100, 20198);
        changed.remove("name");
        String newEtag = asAdmin()
                .header("If-Match", etag)
                .body(changed)
                .put("/api/v1/groups/" + name)
                .then()
                .statusCode(200)
                .body("portWindowStart", equalTo(20100))
                .extract()
                .header("ETag");
        assertThat(newEtag).isNotEqualTo(etag);

        // A second writer still holding the old ETag must not overwrite the change.
        asAdmin()
                .header("If-Match", etag)
                .body(group(name, 20200, 20298))
                .put("/api/v1/groups/" + name)
                .then()
                .statusCode(412)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/precondition-failed"));

        asAdmin()
                .body(group(name, 20200, 20298))
                .put("/api/v1/groups/" + name)
                .then()
                .statusCode(428)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/precondition-required"));
    }

    @Test
    void invalidSettingsAreProblemDocumentsNamingEachField() {
        Map<String, Object> body = group("Not_A_Label", 1023, 70001);
        body.put("multicastPool", List.of("10.0.0.0/8", "239.1.0.1/24"));
        body.put("imageRoot", "images/../etc");
        postGroup(body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/validation-failed"))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("imageRoot"))
                .body("errors.field", hasItem("portWindowStart"))
                .body("errors.field", hasItem("portWindowEnd"))
                // service-commons names list elements "multicastPool.<list element>[0]" for now.
                .body("errors.field", hasItem(matchesPattern("multicastPool.*\\[0]")))
                .body("errors.field", hasItem(matchesPattern("multicastPool.*\\[1]")))
                .body("errors.message", hasItem(containsString("host bits")))
                .body(not(containsString("Exception")));

        postGroup(group(unique("odd"), 20001, 20100))
                .statusCode(400)
                .body("errors[0].field", equalTo("portWindowStart"))
                .body("errors[0].message", containsString("even"));

        postGroup(group(unique("rev"), 20100, 20000)).statusCode(400).body("errors[0].field", equalTo("portWindowEnd"));

        asAdmin()
                .body("{\"name\": ")
                .post("/api/v1/groups")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void duplicateNameIsAConflict() {
        String name = unique("dup");
        createGroup(name, 21000, 21010);
        postGroup(group(name, 21000, 21010))
                .statusCode(409)
                .body("type", equalTo("https://imagecast.io/problems/group-exists"));
    }

    @Test
    void groupsOnTheSameHostMustNotShareAPort() {
        String first = unique("host");
        String second = unique("host");
        createGroup(first, 22000, 22098);
        String secondEtag = createGroup(second, 22100, 22198);
        String address = "10.77." + (int) (Math.random() * 250) + ".9";
        createNode(node(unique("n"), first, address));
        createNode(node(unique("n"), second, address));

        asAdmin()
                .header("If-Match", secondEtag)
                .body(group(second, 22050, 22198))
                .put("/api/v1/groups/" + second)
                .then()
                .statusCode(409)
                .body("type", equalTo("https://imagecast.io/problems/port-window-overlap"))
                .body("conflictingGroup", equalTo(first));

        // A third group whose window overlaps cannot get a node on that host either.
        String third = unique("host");
        createGroup(third, 22090, 22120);
        postNode(node(unique("n"), third, address))
                .statusCode(409)
                .body("type", equalTo("https://imagecast.io/problems/port-window-overlap"));
        // On another host the same window is fine.
        createNode(node(unique("n"), third, "10.78.0.9"));
    }

    @Test
    void nonEmptyGroupCannotBeDeleted() {
        String name = unique("del");
        String etag = createGroup(name, 23000, 23010);
        String nodeName = unique("n");
        String nodeEtag = createNode(node(nodeName, name, "10.79.0.1"));
        asAdmin()
                .header("If-Match", etag)
                .delete("/api/v1/groups/" + name)
                .then()
                .statusCode(409)
                .body("nodeCount", equalTo(1));
        asAdmin()
                .header("If-Match", nodeEtag)
                .delete("/api/v1/nodes/" + nodeName)
                .then()
                .statusCode(204);
        asAdmin()
                .header("If-Match", etag)
                .delete("/api/v1/groups/" + name)
                .then()
                .statusCode(204);
        asViewer().get("/api/v1/groups/" + name).then().statusCode(404).body("status", equalTo(404));
    }

    @Test
    void listIsPagedByCursor() {
        String prefix = unique("page");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String name = prefix + "-" + i;
            createGroup(name, 24000 + i * 100, 24000 + i * 100 + 10);
            created.add(name);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = asViewer().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/v1/groups");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.name"));
            cursor = page.jsonPath().getString("nextCursor");
            if (cursor != null) {
                assertThat(page.header("Link")).contains("rel=\"next\"").contains("cursor=" + cursor);
            }
            pages++;
        } while (cursor != null && pages < 1000);
        assertThat(seen).containsAll(created).doesNotHaveDuplicates().isSorted();

        asViewer().queryParam("cursor", "!!!").get("/api/v1/groups").then().statusCode(400);
        asViewer().queryParam("limit", 0).get("/api/v1/groups").then().statusCode(400);
    }

    @Test
    void writesNeedAdminAndEverythingNeedsAToken() {
        given().get("/api/v1/groups")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        asViewer()
                .body(group(unique("v"), 25000, 25010))
                .post("/api/v1/groups")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        RegistryApi.as(io.imagecast.testsupport.TestTokens.operator())
                .body(group(unique("o"), 25000, 25010))
                .post("/api/v1/groups")
                .then()
                .statusCode(403);
        RegistryApi.as(io.imagecast.testsupport.TestTokens.expiredAdmin())
                .get("/api/v1/groups")
                .then()
                .statusCode(401);
    }
}
