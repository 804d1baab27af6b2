package io.imagecast.session;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.EventTypes;
import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.Topics;
import io.imagecast.events.node.GroupSnapshot;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.events.node.NodeStatus;
import io.imagecast.testsupport.KafkaTap;
import io.imagecast.testsupport.KafkaTap.TappedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/** The other side of the real broker: plays the registry and the sender, reads the commands. */
public final class TestBroker {
    private static final String SOURCE = "test/sender";

    private TestBroker() {}

    public static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A tap on this test's broker that publishes as the sender does. */
    public static KafkaTap tap() {
        return KafkaTap.connect(bootstrap(), SOURCE);
    }

    public static void publish(String topic, ImagecastMessage message) {
        try (KafkaTap tap = tap()) {
            tap.publish(topic, message);
        }
    }

    /** Publishes the same record twice with one ce_id, as an at-least-once producer may. */
    public static void publishTwice(String topic, ImagecastMessage message) {
        EventMetadata metadata = EventMetadata.newEvent(EventTypes.typeOf(message), SOURCE, null);
        try (KafkaTap tap = tap()) {
            tap.publish(topic, message, metadata);
            tap.publish(topic, message, metadata);
        }
    }

    public static void announceGroup(
            String group,
            String master,
            NodeStatus status,
            List<String> problems,
            int windowStart,
            int windowEnd,
            int maxSessions) {
        announceGroup(group, master, "eth0", status, problems, windowStart, windowEnd, maxSessions);
    }

    /** The group's master as the registry announces it, with the given multicast interface (null: none). */
    public static void announceGroup(
            String group,
            String master,
            String multicastInterface,
            NodeStatus status,
            List<String> problems,
            int windowStart,
            int windowEnd,
            int maxSessions) {
        GroupSnapshot snapshot = new GroupSnapshot(
                group, "/images", windowStart, windowEnd, List.of("239.77.0.0/30"), maxSessions, false);
        publish(
                Topics.NODE_EVENTS,
                new NodeChanged(
                        NodeChange.CONFIGURED,
                        new NodeSnapshot(
                                master,
                                snapshot,
                                "127.0.0.1",
                                true,
                                true,
                                multicastInterface,
                                null,
                                maxSessions,
                                status,
                                problems,
                                Instant.now())));
    }

    /** Every command for the session published so far, waiting up to the timeout for a match. */
    public static List<TappedEvent> commandsFor(
            UUID sessionId, Predicate<? super List<TappedEvent>> until, Duration timeout) {
        try (KafkaTap tap = tap()) {
            return tap.read(
                    Topics.SESSION_COMMANDS,
                    command -> sessionId.toString().equals(command.metadata().subject()),
                    until,
                    timeout);
        }
    }
}
