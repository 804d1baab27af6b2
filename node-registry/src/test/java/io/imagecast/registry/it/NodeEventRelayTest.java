package io.imagecast.registry.it;

import static io.imagecast.registry.it.RegistryApi.createGroupWithNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.Topics;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.registry.it.RegistryApi.GroupWithNode;
import io.imagecast.testsupport.KafkaTap;
import io.imagecast.testsupport.KafkaTap.TappedEvent;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The relay bean publishes a node event right after the commit that queued it, not at its next poll. */
@QuarkusTest
@TestProfile(NodeEventRelayTest.HourlyPoll.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class NodeEventRelayTest {

    /** The only poll is the start's own run: anything later goes out because a commit nudged it. */
    public static class HourlyPoll implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("imagecast.registry.outbox.poll-interval", "1h");
        }
    }

    @Test
    void aNodeEventIsPublishedRightAfterTheCommitThatQueuedIt() {
        GroupWithNode created = createGroupWithNode("nudged", 47700, "10.41.0.7");

        List<TappedEvent> events;
        try (KafkaTap tap = KafkaTap.connect(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class), "/test")) {
            events = tap.read(
                    Topics.NODE_EVENTS,
                    event -> created.node().equals(event.metadata().subject()),
                    found -> !found.isEmpty(),
                    Duration.ofSeconds(20));
        }

        assertThat(events)
                .as("the node's first event, within seconds of the commit")
                .isNotEmpty()
                .first()
                .satisfies(event -> assertThat(
                                ((NodeChanged) event.message()).node().nodeId())
                        .isEqualTo(created.node()));
    }
}
