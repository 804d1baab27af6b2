package io.imagecast.registry.it;

import static io.imagecast.registry.it.RegistryApi.asAdmin;
import static io.imagecast.registry.it.RegistryApi.asViewer;
import static io.imagecast.registry.it.RegistryApi.createGroup;
import static io.imagecast.registry.it.RegistryApi.node;
import static io.imagecast.registry.it.RegistryApi.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.Topics;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.events.node.NodeStatus;
import io.imagecast.testsupport.KafkaTap;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry between a sender (heartbeats in) and a downstream service (node events out), both on
 * the real broker: discovery, configuration, master switch, offline and back online.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class HeartbeatAndEventRoundTripTest {
    /** A node event as heard: its CloudEvents attributes and its body. */
    record ReceivedEvent(EventMetadata metadata, NodeChanged event) {}

    private static KafkaTap kafka;

    @BeforeAll
    static void connect() {
        kafka = KafkaTap.connect(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), "/test")
                .listen(Topics.NODE_EVENTS);
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void nodeLifecycleTravelsThroughKafka() throws Exception {
        String name = unique("sender");
        String address = "10.40.0.7";

        // 1. A sender nobody registered starts heartbeating: the registry discovers it and says so.
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().untilAsserted(() -> {
            sendHeartbeat(Heartbeats.of(name, address, "enp1s0"));
            assertThat(eventsOf(name))
                    .anySatisfy(
                            received -> assertThat(received.event().change()).isEqualTo(NodeChange.MISCONFIGURED));
        });
        ReceivedEvent discovered = eventsOf(name).get(0);
        assertThat(discovered.metadata().type()).isEqualTo("imagecast.node.misconfigured.v1");
        assertThat(discovered.metadata().source()).isEqualTo("/imagecast/node-registry");
        assertThat(discovered.metadata().subject()).isEqualTo(name);
        assertThat(discovered.event().node().group()).isNull();
        asViewer()
                .get("/api/v1/nodes/" + name + "/interfaces")
                .then()
                .statusCode(200)
                .body("interfaces.name", hasItem("enp1s0"));

        // 2. The admin puts it in a group with the proposed interface: a configured event, now online.
        String group = unique("site");
        createGroup(group, 40000, 40098);
        String etag = asViewer().get("/api/v1/nodes/" + name).header("ETag");
        String proposal = asViewer()
                .get("/api/v1/nodes/" + name + "/interfaces")
                .jsonPath()
                .getString("proposal.interfaceName");
        assertThat(proposal).isNull(); // no address configured yet, so nothing carries it
        Map<String, Object> settings = node(name, group, address);
        settings.put("multicastInterface", "enp1s0");
        asAdmin()
                .header("If-Match", etag)
                .body(settings)
                .put("/api/v1/nodes/" + name)
                .then()
                .statusCode(200);
        ReceivedEvent configured = awaitEvent(name, NodeChange.CONFIGURED, 1);
        assertThat(configured.metadata().type()).isEqualTo("imagecast.node.configured.v1");
        assertThat(configured.event().node().group().name()).isEqualTo(group);
        assertThat(configured.event().node().group().portWindowStart()).isEqualTo(40000);
        assertThat(configured.event().node().status()).isEqualTo(NodeStatus.ONLINE);
        assertThat(configured.event().node().multicastInterface()).isEqualTo("enp1s0");

        // 3. It heartbeated, so it may become master.
        asAdmin()
                .body(Map.of("node", name))
                .put("/api/v1/groups/" + group + "/master")
                .then()
                .statusCode(200);
        assertThat(awaitEvent(name, NodeChange.MASTER_CHANGED, 1).event().node().master())
                .isTrue();

        // 4. A group change reaches every node of the group as a configured event.
        String groupEtag = asViewer().get("/api/v1/groups/" + group).header("ETag");
        Map<String, Object> groupSettings = RegistryApi.group(group, 40100, 40198);
        asAdmin()
                .header("If-Match", groupEtag)
                .body(groupSettings)
                .put("/api/v1/groups/" + group)
                .then()
                .statusCode(200);
        assertThat(awaitEvent(name, NodeChange.CONFIGURED, 2)
                        .event()
                        .node()
                        .group()
                        .portWindowStart())
                .isEqualTo(40100);

        // 5. Heartbeats stop: offline after the configured timeout (3 s in tests), then back online.
        ReceivedEvent offline = awaitEvent(name, NodeChange.OFFLINE, 1);
        assertThat(offline.event().node().status()).isEqualTo(NodeStatus.OFFLINE);
        asViewer().get("/api/v1/nodes/" + name).then().body("status", equalTo("OFFLINE"));
        asViewer()
                .get("/api/v1/nodes/" + name + "/diagnosis")
                .then()
                .body("problems.code", hasItem("NODE_OFFLINE"))
                .body("ready", equalTo(false));

        await().atMost(Duration.ofSeconds(30)).pollInSameThread().untilAsserted(() -> {
            sendHeartbeat(Heartbeats.of(name, address, "enp1s0"));
            assertThat(eventsOf(name))
                    .anySatisfy(
                            received -> assertThat(received.event().change()).isEqualTo(NodeChange.ONLINE));
        });
        asViewer().get("/api/v1/nodes/" + name).then().body("status", equalTo("ONLINE"));

        // 6. Removing the node tells consumers to forget it.
        asAdmin().header("If-Match", "*").delete("/api/v1/nodes/" + name).then().statusCode(204);
        ReceivedEvent removed = awaitEvent(name, NodeChange.REMOVED, 1);
        assertThat(removed.metadata().type()).isEqualTo("imagecast.node.removed.v1");
        asViewer().get("/api/v1/nodes/" + name).then().statusCode(404);
    }

    @Test
    void unreadableHeartbeatsAreSkippedAndTheConsumerKeepsGoing() throws Exception {
        String name = unique("sender");
        sendRaw(name, "{not json".getBytes(StandardCharsets.UTF_8), "imagecast.node.heartbeat.v1");
        sendRaw(name, "{}".getBytes(StandardCharsets.UTF_8), null);
        sendRaw(name, "{}".getBytes(StandardCharsets.UTF_8), "imagecast.unknown.v1");
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().untilAsserted(() -> {
            sendHeartbeat(Heartbeats.of(name, "10.40.1.7", "eth0"));
            asViewer().get("/api/v1/nodes/" + name).then().statusCode(200);
        });
    }

    /** As a sender publishes it: its own ce_source. */
    private static void sendHeartbeat(NodeHeartbeat heartbeat) {
        kafka.publish(
                Topics.NODE_HEARTBEATS,
                heartbeat,
                EventMetadata.newEvent(NodeHeartbeat.TYPE, "/imagecast/sender-service/" + heartbeat.nodeId(), null));
    }

    private static void sendRaw(String key, byte[] value, String ceType) {
        kafka.publishRaw(
                Topics.NODE_HEARTBEATS,
                key,
                value,
                ceType == null ? null : EventMetadata.newEvent(ceType, "/test", null));
    }

    /** The node's events heard so far; every node event must be keyed by its node. */
    private static List<ReceivedEvent> eventsOf(String nodeId) {
        List<KafkaTap.TappedEvent> heard = kafka.heard().stream()
                .filter(tapped -> tapped.message() instanceof NodeChanged)
                .toList();
        for (KafkaTap.TappedEvent tapped : heard) {
            String node = ((NodeChanged) tapped.message()).node().nodeId();
            assertThat(tapped.key()).as("key of the event for node %s", node).isEqualTo(node);
        }
        return heard.stream()
                .map(tapped -> new ReceivedEvent(tapped.metadata(), (NodeChanged) tapped.message()))
                .filter(received -> received.event().node().nodeId().equals(nodeId))
                .toList();
    }

    private static ReceivedEvent awaitEvent(String node, NodeChange change, int occurrence) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInSameThread()
                .until(
                        () -> {
                            List<ReceivedEvent> matching = eventsOf(node).stream()
                                    .filter(received -> received.event().change() == change)
                                    .toList();
                            return matching.size() >= occurrence ? matching.get(occurrence - 1) : null;
                        },
                        received -> received != null);
    }
}
