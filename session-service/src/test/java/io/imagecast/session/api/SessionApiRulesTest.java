package io.imagecast.session.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.imagecast.events.node.NodeStatus;
import io.imagecast.session.TestBroker;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class SessionApiRulesTest extends SessionTestSupport {

    @Test
    void sameIdempotencyKeyAndBodyGiveTheSameSessionADifferentBodyGets422() {
        String group = unique("idem");
        onlineGroup(group, 9800, 9809, 8);
        String body = body(unique("idem"), group, "");
        String first = operator()
                .header("Idempotency-Key", "key-" + group)
                .body(body)
                .post("/api/v1/sessions")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "false")
                .extract()
                .path("id");
        String again = operator()
                .header("Idempotency-Key", "key-" + group)
                .body(body)
                .post("/api/v1/sessions")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .header("Location", containsString(first))
                .extract()
                .path("id");
        assertThat(again).isEqualTo(first);

        operator()
                .header("Idempotency-Key", "key-" + group)
                .body(body(unique("other"), group, ""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/idempotency-key-reused"))
                .body("session", equalTo(first));

        // Without the key the same body is a second request, refused because the name is taken.
        operator()
                .body(body)
                .post("/api/v1/sessions")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://imagecast.io/problems/name-in-use"));
    }

    @Test
    void unknownGroupIs404AndAGroupWithoutAUsableMasterIs409WithADiagnosis() {
        operator()
                .body(body(unique("x"), unique("nogroup"), ""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/unknown-group"));

        String group = unique("sick");
        TestBroker.announceGroup(
                group,
                group + "-nas",
                NodeStatus.MISCONFIGURED,
                List.of("interface eth0 does not exist on the node (it has eno1)"),
                9900,
                9909,
                4);
        awaitNode(group + "-nas", NodeStatus.MISCONFIGURED);
        operator()
                .body(body(unique("x"), group, ""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/no-usable-master"))
                .body("masterStatus", equalTo("MISCONFIGURED"))
                .body("diagnosis", hasItem(containsString("eno1")));
    }

    @Test
    void aMasterWhoseInterfaceWasClearedGetsNoNewSessionAndTheDiagnosisSaysWhy() {
        String group = unique("cleared");
        String master = group + "-store";
        TestBroker.announceGroup(group, master, NodeStatus.ONLINE, List.of(), 9910, 9919, 4);
        awaitNode(master, NodeStatus.ONLINE);
        TestBroker.announceGroup(
                group,
                master,
                null,
                NodeStatus.MISCONFIGURED,
                List.of("node " + master + " has no multicast interface configured"),
                9910,
                9919,
                4);
        awaitNode(master, NodeStatus.MISCONFIGURED);

        operator()
                .body(body(unique("x"), group, ""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://imagecast.io/problems/no-usable-master"))
                .body("diagnosis", hasItem("master node '" + master + "' has no multicast interface configured"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"../../etc\"}, \"expectedReceivers\": 1}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"/etc/shadow\"}, \"expectedReceivers\": 1}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"img\\u0000x\"}, \"expectedReceivers\": 1}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"a/./b\"}, \"expectedReceivers\": 1}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\", \"files\": [\"../d1p1.img\"]}, \"expectedReceivers\": 1}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\", \"files\": [\"d1p1.img\", \"d1p1.img\"]}, \"expectedReceivers\": 1}",
                "{\"name\": \"a;reboot\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\"}, \"expectedReceivers\": 1}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\"}}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\"}, \"expectedReceivers\": -3}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\"}, \"expectedReceivers\": \"many\"}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\"}, \"expectedReceivers\": 1, \"ttl\": 9999}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\"}, \"expectedReceivers\": 1, \"maxWaitSeconds\": 10, \"minWaitSeconds\": 20}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\"}, \"hosts\": [{}]}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\"}, \"hosts\": [{\"ip\": \"10.0.0.300\"}]}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\"}, \"hosts\": [{\"mac\": \"zz:zz\"}]}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\"}, \"expectedReceivers\": 1, \"duplex\": \"--full-duplex; rm -rf /\"}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\"}, \"expectedReceivers\": 1, \"startAt\": \"tomorrow\"}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": \"win\", \"expectedReceivers\": 1}",
                "{\"name\": \"a\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"win\"}, \"expectedReceivers\": 1",
                "[1, 2, 3]",
                "null",
                ""
            })
    void hostileBodiesGetA400ProblemDocument(String hostile) {
        problem(operator().body(hostile).post("/api/v1/sessions").then(), 400);
    }

    @Test
    void hugeStringsAreRefusedWithoutEcho() {
        String huge = "x".repeat(100_000);
        problem(
                        operator()
                                .body("{\"name\": \"" + huge
                                        + "\", \"storageGroup\": \"g\", \"image\": {\"dir\": \"w\"},"
                                        + " \"expectedReceivers\": 1}")
                                .post("/api/v1/sessions")
                                .then(),
                        400)
                .body("errors.field", hasItem("name"))
                .body("detail", not(containsString(huge)));
        problem(
                operator()
                        .header("Idempotency-Key", "has space")
                        .body(body("n", "g", ""))
                        .post("/api/v1/sessions")
                        .then(),
                400);
        problem(operator().queryParam("limit", "100000").get("/api/v1/sessions").then(), 400);
        problem(operator().get("/api/v1/sessions/not-a-uuid").then(), 404);
    }

    @Test
    void everyApiCallNeedsAValidTokenAndTheRightRole() {
        problem(given().get("/api/v1/sessions").then(), 401);
        problem(
                given().auth()
                        .oauth2(TestTokens.expiredAdmin())
                        .get("/api/v1/sessions")
                        .then(),
                401);
        problem(given().auth().oauth2("not.a.jwt").get("/api/v1/sessions").then(), 401);
        as(TestTokens.viewer()).get("/api/v1/sessions").then().statusCode(200);
        problem(
                as(TestTokens.viewer())
                        .body(body("v", "g", ""))
                        .post("/api/v1/sessions")
                        .then(),
                403);
        problem(
                as(TestTokens.viewer())
                        .post("/api/v1/sessions/" + java.util.UUID.randomUUID() + "/cancel")
                        .then(),
                403);
        problem(
                as(TestTokens.viewer())
                        .delete("/api/v1/sessions/" + java.util.UUID.randomUUID() + "/hosts/pc")
                        .then(),
                403);
        problem(
                operator()
                        .queryParam("finishedBefore", "2020-01-01T00:00:00Z")
                        .delete("/api/v1/sessions")
                        .then(),
                403);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("type", org.hamcrest.Matchers.startsWith("https://imagecast.io/problems/"))
                .body("$", not(org.hamcrest.Matchers.hasKey("stackTrace")));
    }
}
