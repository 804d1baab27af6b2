package io.imagecast.session.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.imagecast.events.node.NodeStatus;
import io.imagecast.session.TestBroker;
import io.imagecast.session.domain.StorageNode;
import io.imagecast.session.domain.StorageNodeRepository;
import io.imagecast.testsupport.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** Shared helpers: each test announces its own group so tests never share ports or queues. */
abstract class SessionTestSupport {
    @Inject
    StorageNodeRepository nodes;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Announces a group with an online master through the real node-events topic and waits for it. */
    String onlineGroup(String group, int windowStart, int windowEnd, int maxSessions) {
        String master = group + "-nas";
        TestBroker.announceGroup(group, master, NodeStatus.ONLINE, List.of(), windowStart, windowEnd, maxSessions);
        awaitNode(master, NodeStatus.ONLINE);
        return master;
    }

    void awaitNode(String nodeId, NodeStatus status) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            StorageNode node = QuarkusTransaction.requiringNew().call(() -> nodes.findById(nodeId));
            return node != null && node.status == status;
        });
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).log().ifValidationFails();
    }

    static RequestSpecification operator() {
        return as(TestTokens.operator());
    }

    static String body(String name, String group, String extra) {
        return """
                {"name": "%s", "storageGroup": "%s", "image": {"dir": "win10", "files": ["d1p1.img", "d1p2.img"]},
                 "hosts": [{"name": "pc-1", "ip": "10.9.0.11", "mac": "00:11:22:33:44:01"},
                           {"name": "pc-2", "ip": "10.9.0.12"}]%s}
                """.formatted(name, group, extra.isEmpty() ? "" : ", " + extra);
    }

    static String create(String name, String group) {
        return operator()
                .body(body(name, group, ""))
                .post("/api/v1/sessions")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    static String stateOf(String id) {
        return as(TestTokens.viewer())
                .get("/api/v1/sessions/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("state");
    }
}
