package io.imagecast.registry.it;

import static io.imagecast.registry.it.RegistryApi.asAdmin;
import static io.imagecast.registry.it.RegistryApi.asViewer;
import static io.imagecast.registry.it.RegistryApi.createGroup;
import static io.imagecast.registry.it.RegistryApi.createGroupWithNode;
import static io.imagecast.registry.it.RegistryApi.createNode;
import static io.imagecast.registry.it.RegistryApi.node;
import static io.imagecast.registry.it.RegistryApi.postGroup;
import static io.imagecast.registry.it.RegistryApi.postNode;
import static io.imagecast.registry.it.RegistryApi.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.imagecast.registry.it.RegistryApi.GroupWithNode;
import io.imagecast.registry.service.HeartbeatService;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class NodeApiTest {
    @Inject
    HeartbeatService heartbeats;

    @Test
    void registeredNodeWithoutHeartbeatIsUnknownAndSaysWhy() {
        GroupWithNode registered = createGroupWithNode("nas", 30000, "10.30.0.2");
        String group = registered.group();
        String name = registered.node();

        asViewer()
                .get("/api/v1/nodes/" + name)
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("status", equalTo("UNKNOWN"))
                .body("group", equalTo(group))
                .body("enabled", equalTo(true))
                .body("lastHeartbeat", nullValue());
        asViewer()
                .get("/api/v1/nodes/" + name + "/diagnosis")
                .then()
                .statusCode(200)
                .body("ready", equalTo(false))
                .body("problems.code", hasItems("NEVER_HEARD_FROM", "GROUP_WITHOUT_MASTER"))
                .body("problems.find { it.code == 'NEVER_HEARD_FROM' }.fix", containsString(name));
    }

    @Test
    void diagnosisComparesTheConfiguredInterfaceWithTheReportedOnes() {
        String group = unique("g");
        createGroup(group, 30100, 30110);
        String name = unique("store");
        Map<String, Object> body = node(name, group, "10.30.1.5");
        body.put("multicastInterface", "eth0");
        String etag = createNode(body);
        heartbeats.record(Heartbeats.of(name, "10.30.1.5", "enp3s0"), Instant.now());

        asViewer()
                .get("/api/v1/nodes/" + name)
                .then()
                .body("status", equalTo("MISCONFIGURED"))
                .body("problems[0]", containsString("eth0"))
                .body("hostname", equalTo(name + ".lab"));
        asViewer()
                .get("/api/v1/nodes/" + name + "/diagnosis")
                .then()
                .statusCode(200)
                .body("status", equalTo("MISCONFIGURED"))
                .body("problems.find { it.code == 'INTERFACE_NOT_FOUND' }.fix", containsString("enp3s0"))
                .body("problems.find { it.code == 'INTERFACE_NOT_FOUND' }.candidates.name", contains("enp3s0", "lo"))
                .body(
                        "problems.find { it.code == 'INTERFACE_NOT_FOUND' }.candidates.find { it.name == 'enp3s0' }"
                                + ".addresses",
                        hasItem("10.30.1.5/24"))
                .body(
                        "problems.find { it.code == 'INTERFACE_NOT_FOUND' }.candidates.find { it.name == 'enp3s0' }"
                                + ".multicast",
                        equalTo(true));
        asViewer()
                .get("/api/v1/nodes/" + name + "/interfaces")
                .then()
                .statusCode(200)
                .body("configured", equalTo("eth0"))
                .body("interfaces.name", contains("enp3s0", "lo"))
                .body("interfaces.find { it.name == 'enp3s0' }.suitableForMulticast", equalTo(true))
                .body("interfaces.find { it.name == 'lo' }.suitableForMulticast", equalTo(false));

        body.put("multicastInterface", "enp3s0");
        body.remove("name");
        asAdmin()
                .header("If-Match", etag)
                .body(body)
                .put("/api/v1/nodes/" + name)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("ONLINE"))
                .body("problems.size()", equalTo(0));
    }

    @Test
    void clearingTheInterfaceLeavesTheNodeMisconfiguredAndSaysWhy() {
        int host = 15;
        for (String cleared : new String[] {"", "   "}) {
            String group = unique("g");
            createGroup(group, 30150, 30160);
            String name = unique("store");
            String address = "10.30.1." + host++;
            Map<String, Object> body = node(name, group, address);
            body.put("multicastInterface", "enp3s0");
            String etag = createNode(body);
            heartbeats.record(Heartbeats.of(name, address, "enp3s0"), Instant.now());

            body.put("multicastInterface", cleared);
            body.remove("name");
            asAdmin()
                    .header("If-Match", etag)
                    .body(body)
                    .put("/api/v1/nodes/" + name)
                    .then()
                    .statusCode(200)
                    .body("multicastInterface", nullValue())
                    .body("problems", hasItem(containsString("no multicast interface configured")));
            asViewer()
                    .get("/api/v1/nodes/" + name + "/diagnosis")
                    .then()
                    .statusCode(200)
                    .body("ready", equalTo(false))
                    .body("problems.code", hasItem("INTERFACE_NOT_CONFIGURED"));
        }
    }

    @Test
    void aClearedInterfaceIsNotSetAgainByTheGroupsAutoApply() {
        String group = unique("g");
        Map<String, Object> groupBody = RegistryApi.group(group, 30190, 30198);
        groupBody.put("autoApplyInterface", true);
        postGroup(groupBody).statusCode(201);
        String name = unique("store");
        Map<String, Object> body = node(name, group, "10.30.1.35");
        createNode(body);
        heartbeats.record(Heartbeats.of(name, "10.30.1.35", "eno1"), Instant.now());
        String etag = asViewer()
                .get("/api/v1/nodes/" + name)
                .then()
                .body("multicastInterface", equalTo("eno1"))
                .extract()
                .header("ETag");

        body.remove("name");
        body.put("multicastInterface", null);
        etag = asAdmin()
                .header("If-Match", etag)
                .body(body)
                .put("/api/v1/nodes/" + name)
                .then()
                .statusCode(200)
                .body("multicastInterface", nullValue())
                .extract()
                .header("ETag");
        heartbeats.record(
                Heartbeats.of(name, "10.30.1.35", "eno1"), Instant.now().plusMillis(1));

        asViewer()
                .get("/api/v1/nodes/" + name)
                .then()
                .header("ETag", etag)
                .body("multicastInterface", nullValue())
                .body("problems", hasItem(containsString("an admin cleared it")));
        asAdmin()
                .header("If-Match", etag)
                .post("/api/v1/nodes/" + name + "/interfaces/proposal/apply")
                .then()
                .statusCode(200)
                .body("multicastInterface", equalTo("eno1"))
                .body("problems.size()", equalTo(0));
    }

    @Test
    void aChangedInterfaceIsJudgedAtOnceAgainstWhatTheNodeLastReported() {
        String group = unique("g");
        createGroup(group, 30170, 30180);
        String name = unique("store");
        Map<String, Object> body = node(name, group, "10.30.1.25");
        body.put("multicastInterface", "enp3s0");
        String etag = createNode(body);
        heartbeats.record(Heartbeats.of(name, "10.30.1.25", "enp3s0"), Instant.now());
        asViewer().get("/api/v1/nodes/" + name).then().body("problems.size()", equalTo(0));

        // No heartbeat from here on: every answer comes from the last report. Problems, not the
        // status, are checked: a slow run may pass the short test offline-after in between.
        body.remove("name");
        body.put("multicastInterface", "veth-lab");
        etag = asAdmin()
                .header("If-Match", etag)
                .body(body)
                .put("/api/v1/nodes/" + name)
                .then()
                .statusCode(200)
                .body("problems", hasItem(containsString("veth-lab")))
                .extract()
                .header("ETag");
        asViewer()
                .get("/api/v1/nodes/" + name + "/diagnosis")
                .then()
                .body("ready", equalTo(false))
                .body("problems.find { it.code == 'INTERFACE_NOT_FOUND' }.message", containsString("veth-lab"));
        asViewer().get("/api/v1/nodes/" + name).then().body("problems", hasItem(containsString("veth-lab")));

        body.put("multicastInterface", "enp3s0");
        asAdmin()
                .header("If-Match", etag)
                .body(body)
                .put("/api/v1/nodes/" + name)
                .then()
                .statusCode(200)
                .body("problems.size()", equalTo(0));
        asViewer()
                .get("/api/v1/nodes/" + name + "/diagnosis")
                .then()
                .body("problems.code", not(hasItem("INTERFACE_NOT_FOUND")));
    }

    @Test
    void heartbeatsDoNotChangeTheEtag() {
        String group = unique("g");
        String groupEtag = createGroup(group, 30200, 30210);
        String name = unique("store");
        String etag = createNode(node(name, group, "10.30.2.5"));
        heartbeats.record(Heartbeats.of(name, "10.30.2.5", "enp3s0"), Instant.now());
        heartbeats.record(Heartbeats.of(name, "10.30.2.5", "enp3s0"), Instant.now());
        asViewer().get("/api/v1/nodes/" + name).then().header("ETag", etag).body("status", equalTo("MISCONFIGURED"));
        asViewer().get("/api/v1/groups/" + group).then().header("ETag", groupEtag);
    }

    @Test
    void proposalIsOfferedAndAutoAppliedWhenTheGroupAllowsIt() {
        String name = createGroupWithNode("store", 30300, "10.30.3.5").node();
        heartbeats.record(Heartbeats.of(name, "10.30.3.5", "eno1"), Instant.now());
        asViewer()
                .get("/api/v1/nodes/" + name + "/interfaces")
                .then()
                .body("proposal.interfaceName", equalTo("eno1"))
                .body("configured", nullValue());
        asAdmin()
                .post("/api/v1/nodes/" + name + "/interfaces/proposal/apply")
                .then()
                .statusCode(428);
        asAdmin()
                .header("If-Match", "\"0\"")
                .post("/api/v1/nodes/" + name + "/interfaces/proposal/apply")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("multicastInterface", equalTo("eno1"))
                .body("status", equalTo("ONLINE"));
        asAdmin()
                .header("If-Match", "*")
                .post("/api/v1/nodes/" + name + "/interfaces/proposal/apply")
                .then()
                .statusCode(409)
                .body("type", equalTo("https://imagecast.io/problems/no-interface-proposal"));

        String automatic = unique("g");
        Map<String, Object> groupBody = RegistryApi.group(automatic, 30400, 30410);
        groupBody.put("autoApplyInterface", true);
        postGroup(groupBody).statusCode(201);
        String auto = unique("store");
        createNode(node(auto, automatic, "10.30.4.5"));
        heartbeats.record(Heartbeats.of(auto, "10.30.4.5", "eno1"), Instant.now());
        asViewer()
                .get("/api/v1/nodes/" + auto)
                .then()
                .body("multicastInterface", equalTo("eno1"))
                .body("status", equalTo("ONLINE"))
                .header("ETag", "\"1\"");
    }

    @Test
    void unknownSenderIsDiscoveredDisabledAndWithoutGroup() {
        String name = unique("new");
        heartbeats.record(Heartbeats.of(name, "10.30.5.5", "eth0"), Instant.now());
        asViewer()
                .get("/api/v1/nodes/" + name)
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false))
                .body("group", nullValue())
                .body("status", equalTo("MISCONFIGURED"));
        postNode(node(name, null, "10.30.5.5"))
                .statusCode(409)
                .body("type", equalTo("https://imagecast.io/problems/node-exists"));
    }

    @Test
    void invalidNodesAreRejectedWithFieldErrors() {
        Map<String, Object> body = node("Bad Name", unique("g"), "storage.example.org");
        body.put("multicastInterface", "this-name-is-too-long");
        body.put("maxSessions", 0);
        body.put("maxBitrateBps", -5);
        postNode(body)
                .statusCode(400)
                .contentType("application/problem+json")
                .body(
                        "errors.field",
                        hasItems("name", "address", "multicastInterface", "maxSessions", "maxBitrateBps"));
        postNode(node(unique("n"), unique("nogroup"), "10.30.6.1"))
                .statusCode(400)
                .body("errors[0].field", equalTo("group"));
        asViewer().get("/api/v1/nodes/" + unique("missing")).then().statusCode(404);
        asViewer()
                .get("/api/v1/nodes/" + unique("missing") + "/diagnosis")
                .then()
                .statusCode(404)
                .body("type", equalTo("https://imagecast.io/problems/node-not-found"));
    }

    @Test
    void listFiltersByGroup() {
        String group = unique("g");
        createGroup(group, 30500, 30510);
        String a = group + "-a";
        String b = group + "-b";
        createNode(node(b, group, "10.30.7.2"));
        createNode(node(a, group, "10.30.7.1"));
        asViewer()
                .queryParam("group", group)
                .get("/api/v1/nodes")
                .then()
                .statusCode(200)
                .body("items.name", contains(a, b))
                .body("nextCursor", nullValue());
    }
}
