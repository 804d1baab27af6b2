package io.imagecast.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.events.CloudEventHeaders;
import io.imagecast.events.EventJson;
import io.imagecast.events.EventMetadata;
import io.imagecast.events.Topics;
import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.events.node.NodeStatus;
import io.imagecast.events.transfer.TransferEvent;
import io.imagecast.events.transfer.TransferFailed;
import io.imagecast.sender.messaging.NodeEventConsumer;
import io.imagecast.sender.service.LiveNodeSettings;
import io.imagecast.testsupport.KafkaTap;
import io.imagecast.testsupport.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An admin who clears the node's interface in the registry stops the node sending new sessions:
 * the running sender-service must not fall back to the interface it was using before. Nor may a node
 * event older than the one it applied last take it back to an earlier state.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(RegistryInterfaceTest.OwnNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryInterfaceTest {
    static final String NODE = "cleared-node";

    /** A node id of its own, so the node events sent here reach no other test's sender. */
    public static class OwnNode implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "imagecast.sender.node-id",
                    NODE,
                    "imagecast.sender.state-dir",
                    "target/test-storage/state-" + NODE);
        }
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "imagecast.sender.storage-root")
    Path storageRoot;

    @Inject
    LiveNodeSettings settings;

    @Inject
    NodeEventConsumer nodeEvents;

    KafkaTap kafka;

    @BeforeAll
    void setUp() throws Exception {
        Path image = Files.createDirectories(storageRoot.resolve("cleared"));
        Files.write(image.resolve("d1p1.img"), new byte[16 * 1024]);
        kafka = KafkaTap.connect(bootstrapServers, "/test/session-service").listen(Topics.TRANSFER_EVENTS);
    }

    @AfterAll
    void tearDown() {
        kafka.close();
    }

    @Test
    void clearedInterfaceRefusesNewSessionsWithTheReason() {
        kafka.publish(Topics.NODE_EVENTS, new NodeChanged(NodeChange.CONFIGURED, snapshot("lo", 3)));
        await().atMost(Duration.ofSeconds(20)).until(() -> settings.current().maxSessions() == 3);
        kafka.publish(Topics.NODE_EVENTS, new NodeChanged(NodeChange.CONFIGURED, snapshot(null, 2)));
        await().atMost(Duration.ofSeconds(20)).until(() -> settings.current().maxSessions() == 2);

        UUID withoutInterface = UUID.randomUUID();
        UUID withOldInterface = UUID.randomUUID();
        kafka.publish(Topics.SESSION_COMMANDS, start(withoutInterface, null));
        // placed before the clear reached session-service: the command still names the old interface
        kafka.publish(Topics.SESSION_COMMANDS, start(withOldInterface, "lo"));

        for (UUID session : List.of(withoutInterface, withOldInterface)) {
            TransferEvent first = firstEvent(session);
            assertThat(first).as("first event of %s", session).isInstanceOf(TransferFailed.class);
            assertThat(((TransferFailed) first).reason())
                    .contains("no multicast interface configured in the node registry")
                    .contains(NODE);
        }
        assertThat(settings.current().interfaceName()).isNull();
    }

    /**
     * A node event redelivered or replayed after newer ones (the node as first discovered, without an
     * interface) must not bring that state back; the same event twice changes nothing.
     */
    @Test
    void anOlderNodeEventAfterANewerOneChangesNothing() {
        Instant newer = Instant.now();
        ConsumerRecord<String, byte[]> configured =
                record(new NodeChanged(NodeChange.CONFIGURED, snapshot("lo", 3)), newer);
        nodeEvents.consume(configured);
        assertThat(settings.current().interfaceName()).isEqualTo("lo");

        nodeEvents.consume(record(new NodeChanged(NodeChange.ONLINE, snapshot(null, 1)), newer.minusSeconds(60)));
        assertThat(settings.current().interfaceName()).isEqualTo("lo");
        assertThat(settings.current().maxSessions()).isEqualTo(3);
        assertThat(settings.current().interfaceRefusal(NODE)).isEmpty();

        nodeEvents.consume(configured);
        assertThat(settings.current().interfaceName()).isEqualTo("lo");
        assertThat(settings.current().maxSessions()).isEqualTo(3);

        // a later change still applies: the check holds back only what is older
        nodeEvents.consume(record(new NodeChanged(NodeChange.CONFIGURED, snapshot(null, 2)), newer.plusMillis(1)));
        assertThat(settings.current().interfaceName()).isNull();
        assertThat(settings.current().maxSessions()).isEqualTo(2);
    }

    private static ConsumerRecord<String, byte[]> record(NodeChanged changed, Instant time) {
        ConsumerRecord<String, byte[]> record =
                new ConsumerRecord<>(Topics.NODE_EVENTS, 0, 0L, changed.key(), EventJson.toBytes(changed));
        CloudEventHeaders.write(
                new EventMetadata(
                        UUID.randomUUID().toString(), changed.change().ceType(), "/test/node-registry", time, NODE),
                record.headers());
        return record;
    }

    private TransferEvent firstEvent(UUID session) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> kafka.messages(TransferEvent.class).stream()
                                .filter(e -> e.sessionId().equals(session))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static NodeSnapshot snapshot(String multicastInterface, int maxSessions) {
        return new NodeSnapshot(
                NODE,
                null,
                "127.0.0.1",
                true,
                true,
                multicastInterface,
                null,
                maxSessions,
                NodeStatus.ONLINE,
                List.of(),
                null);
    }

    private static StartTransferCommand start(UUID session, String interfaceName) {
        return new StartTransferCommand(
                session,
                NODE,
                "cleared " + session,
                "cleared",
                List.of("d1p1.img"),
                interfaceName,
                30000 + 2 * Math.floorMod(session.hashCode(), 5000),
                null,
                null,
                1,
                List.of(),
                null,
                null,
                60,
                null,
                true,
                1);
    }
}
