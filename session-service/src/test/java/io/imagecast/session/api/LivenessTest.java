package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imagecast.events.ImagecastMessage;
import io.imagecast.events.Topics;
import io.imagecast.events.command.CancelTransferCommand;
import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.events.transfer.FileCompleted;
import io.imagecast.events.transfer.ReceiverJoined;
import io.imagecast.events.transfer.ReceiverProgress;
import io.imagecast.events.transfer.TransferProgress;
import io.imagecast.events.transfer.TransferStarted;
import io.imagecast.events.transfer.WaitingForReceivers;
import io.imagecast.session.TestBroker;
import io.imagecast.session.domain.StorageNode;
import io.imagecast.testsupport.KafkaTap;
import io.imagecast.testsupport.KafkaTap.TappedEvent;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.imagecast.testsupport.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Nothing stays in progress forever, proven against the real database and broker with short
 * timeouts: each test has a session that must fail and, beside it, a session that gets the signs of
 * life the rule asks for and must survive past the same deadline.
 */
@QuarkusTest
@TestProfile(LivenessTest.ShortTimeouts.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class LivenessTest extends SessionTestSupport {
    @Inject
    MeterRegistry registry;

    private static final Logger LOG = Logger.getLogger(LivenessTest.class);
    private static final Duration SENDER_LOST_AFTER = Duration.ofSeconds(5);
    private static final Duration GRACE = Duration.ofSeconds(1);
    private static final Duration QUEUE_MAX_WAIT = Duration.ofSeconds(6);
    /** As configured below ("0.5s"). */
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Long enough for several liveness passes past the deadline the survivor has already crossed. */
    private static final Duration SURVIVES = Duration.ofSeconds(3);

    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "imagecast.session.liveness.sender-lost-after", SENDER_LOST_AFTER.toSeconds() + "s",
                    "imagecast.session.liveness.start-timeout-grace", GRACE.toSeconds() + "s",
                    "imagecast.session.liveness.check-interval", "0.5s",
                    "imagecast.session.queue.max-wait", QUEUE_MAX_WAIT.toSeconds() + "s");
        }
    }

    @Test
    void dispatchedSessionOfASilentNodeFailsWithSenderLostWhileAHeartbeatingNodeKeepsItsSession() {
        String aliveGroup = unique("live-hb");
        String aliveNode = onlineGroup(aliveGroup, 9700, 9709, 4);
        String silentGroup = unique("live-silent");
        String silentNode = onlineGroup(silentGroup, 9710, 9719, 4);
        try (Pulse pulse = new Pulse()) {
            pulse.add(Topics.NODE_HEARTBEATS, heartbeat(aliveNode));
            awaitHeartbeatsApplied(aliveNode);

            // The survivor is created first, so its deadline passes before the silent one's.
            double failedBefore = finished("FAILED");
            String alive = create(unique("alive"), aliveGroup);
            String silent = create(unique("silent"), silentGroup);
            assertThat(stateOf(alive)).isEqualTo("DISPATCHED");

            await().atMost(WAIT).until(() -> "FAILED".equals(stateOf(silent)));
            assertThat(finished("FAILED")).as("liveness endings are counted").isGreaterThan(failedBefore);
            JsonPath failed = view(silent);
            assertThat(failed.getString("reason")).startsWith("sender lost: node '" + silentNode + "' silent since");
            assertThat(failed.getList("receivers.state", String.class)).containsOnly("MISSING");
            assertThat(Duration.between(
                            Instant.parse(failed.getString("dispatchedAt")),
                            Instant.parse(failed.getString("finishedAt"))))
                    .isGreaterThanOrEqualTo(SENDER_LOST_AFTER);

            await().during(SURVIVES).atMost(SURVIVES.plusSeconds(30)).until(() -> "DISPATCHED".equals(stateOf(alive)));
        }
    }

    @Test
    void transferringSessionWithoutProgressFailsEvenThoughItsNodeKeepsSendingHeartbeats() {
        String group = unique("live-tx");
        String node = onlineGroup(group, 9720, 9729, 4);
        try (Pulse pulse = new Pulse()) {
            pulse.add(Topics.NODE_HEARTBEATS, heartbeat(node));
            awaitHeartbeatsApplied(node);

            UUID flowing = UUID.fromString(create(unique("flowing"), group));
            UUID stalled = UUID.fromString(create(unique("stalled"), group));
            for (UUID id : List.of(flowing, stalled)) {
                TestBroker.publish(
                        Topics.TRANSFER_EVENTS,
                        new TransferStarted(id, node, 0, 2, "d1p1.img", 1_000_000, List.of("10.9.0.11")));
            }
            await().atMost(WAIT).until(() -> "TRANSFERRING".equals(stateOf(stalled.toString())));
            pulse.add(
                    Topics.TRANSFER_EVENTS,
                    new TransferProgress(
                            flowing,
                            node,
                            0,
                            2,
                            1000,
                            2_000_000,
                            8_000,
                            0,
                            List.of(new ReceiverProgress("10.9.0.11", 1000))));

            await().atMost(WAIT).until(() -> "FAILED".equals(stateOf(stalled.toString())));
            JsonPath failed = view(stalled.toString());
            assertThat(failed.getString("reason")).startsWith("sender lost: node '" + node + "'");
            assertThat(Duration.between(
                            Instant.parse(failed.getString("startedAt")),
                            Instant.parse(failed.getString("finishedAt"))))
                    .isGreaterThanOrEqualTo(SENDER_LOST_AFTER);
            assertThat(failed.getString("receivers.find { it.ip == '10.9.0.11' }.state"))
                    .isEqualTo("CANCELLED");

            await().during(SURVIVES)
                    .atMost(SURVIVES.plusSeconds(30))
                    .until(() -> "TRANSFERRING".equals(stateOf(flowing.toString())));
        }
    }

    @Test
    void transferringSessionFailsWithinOneCheckOfTheSilenceBoundWhileOneBetweenFilesLivesOnHeartbeats() {
        String group = unique("live-bound");
        String node = onlineGroup(group, 9750, 9759, 4);
        try (Pulse pulse = new Pulse()) {
            pulse.add(Topics.NODE_HEARTBEATS, heartbeat(node));
            awaitHeartbeatsApplied(node);

            UUID between = UUID.fromString(create(unique("between"), group));
            UUID killed = UUID.fromString(create(unique("killed"), group));
            List<String> receiver = List.of("10.9.0.11");
            // The sender finished file 0 and waits for the receivers of file 1: no progress flows.
            TestBroker.publish(
                    Topics.TRANSFER_EVENTS, new TransferStarted(between, node, 0, 2, "d1p1.img", 1000, receiver));
            TestBroker.publish(Topics.TRANSFER_EVENTS, new FileCompleted(between, node, 0, 2, "d1p1.img", receiver));
            TestBroker.publish(Topics.TRANSFER_EVENTS, new WaitingForReceivers(between, node, 1, 9750, 1));
            // This sender was killed mid-file: its node still beats (another process), no progress follows.
            TestBroker.publish(
                    Topics.TRANSFER_EVENTS, new TransferStarted(killed, node, 0, 2, "d1p1.img", 1000, receiver));

            await().atMost(WAIT).until(() -> "FAILED".equals(stateOf(killed.toString())));
            JsonPath failed = view(killed.toString());
            Duration silence = Duration.between(
                    Instant.parse(failed.getString("lastSenderActivity")),
                    Instant.parse(failed.getString("finishedAt")));
            assertThat(silence)
                    .isGreaterThanOrEqualTo(SENDER_LOST_AFTER)
                    .isLessThanOrEqualTo(SENDER_LOST_AFTER.plus(CHECK_INTERVAL).plusSeconds(2));

            await().during(SURVIVES)
                    .atMost(SURVIVES.plusSeconds(30))
                    .until(() -> "TRANSFERRING".equals(stateOf(between.toString())));
        }
    }

    @Test
    void sessionNobodyJoinedFailsWithNoReceiversAndItsNodeIsToldToStop() {
        String group = unique("live-nr");
        String node = onlineGroup(group, 9730, 9739, 4);
        try (Pulse pulse = new Pulse()) {
            pulse.add(Topics.NODE_HEARTBEATS, heartbeat(node));
            awaitHeartbeatsApplied(node);

            // Both wait for receivers with a 2 s start timeout; only the first one gets a receiver.
            String timeout = "\"startTimeoutSeconds\": 2";
            UUID joined = UUID.fromString(operator()
                    .body(body(unique("joined"), group, timeout))
                    .post("/api/v1/sessions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
            UUID lonely = UUID.fromString(operator()
                    .body(body(unique("lonely"), group, timeout))
                    .post("/api/v1/sessions")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id"));
            TestBroker.publish(Topics.TRANSFER_EVENTS, new WaitingForReceivers(joined, node, 0, 9730, 2));
            TestBroker.publish(Topics.TRANSFER_EVENTS, new ReceiverJoined(joined, node, "10.9.0.11", 0, 1));
            TestBroker.publish(Topics.TRANSFER_EVENTS, new WaitingForReceivers(lonely, node, 0, 9732, 2));

            await().atMost(WAIT).until(() -> "FAILED".equals(stateOf(lonely.toString())));
            JsonPath failed = view(lonely.toString());
            assertThat(failed.getString("reason")).isEqualTo("no receivers joined within the start timeout of 2 s");
            assertThat(failed.getList("receivers.state", String.class)).containsOnly("MISSING");
            assertThat(Duration.between(
                            Instant.parse(failed.getString("dispatchedAt")),
                            Instant.parse(failed.getString("finishedAt"))))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(2).plus(GRACE));

            List<TappedEvent> commands = TestBroker.commandsFor(
                    lonely, found -> found.stream().anyMatch(r -> r.message() instanceof CancelTransferCommand), WAIT);
            assertThat(commands)
                    .filteredOn(r -> r.message() instanceof CancelTransferCommand)
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.key()).isEqualTo(node);
                        assertThat(((CancelTransferCommand) r.message()).reason())
                                .startsWith("no receivers joined");
                    });

            assertThat(view(joined.toString()).getString("receivers.find { it.ip == '10.9.0.11' }.state"))
                    .isEqualTo("JOINED");
            await().during(SURVIVES)
                    .atMost(SURVIVES.plusSeconds(30))
                    .until(() -> "WAITING_FOR_RECEIVERS".equals(stateOf(joined.toString())));
        }
    }

    @Test
    void sessionQueuedPastTheMaximumQueueTimeFailsAndNamesTheBusyNode() {
        String group = unique("live-queue");
        String node = onlineGroup(group, 9740, 9749, 1);
        try (Pulse pulse = new Pulse()) {
            pulse.add(Topics.NODE_HEARTBEATS, heartbeat(node));
            awaitHeartbeatsApplied(node);

            String running = create(unique("running"), group);
            String queued = create(unique("queued"), group);
            assertThat(stateOf(running)).isEqualTo("DISPATCHED");
            assertThat(stateOf(queued)).isEqualTo("QUEUED");

            await().atMost(WAIT).until(() -> "FAILED".equals(stateOf(queued)));
            JsonPath failed = view(queued);
            assertThat(failed.getString("reason"))
                    .isEqualTo("still queued after 6 s: node '" + node + "' already runs its maximum of 1 sessions");
            assertThat(Duration.between(
                            Instant.parse(failed.getString("createdAt")),
                            Instant.parse(failed.getString("finishedAt"))))
                    .isGreaterThanOrEqualTo(QUEUE_MAX_WAIT);
            assertThat(failed.getList("receivers.state", String.class)).containsOnly("MISSING");
            // The session that got the slot is untouched, and the failed one never held a port.
            assertThat(stateOf(running)).isEqualTo("DISPATCHED");
            assertThat(failed.getString("portBase")).isNull();
        }
    }

    private double finished(String state) {
        Counter counter =
                registry.find("imagecast.session.finished").tag("state", state).counter();
        return counter == null ? 0 : counter.count();
    }

    private static NodeHeartbeat heartbeat(String node) {
        return new NodeHeartbeat(node, node, Instant.now(), List.of(), List.of(), 4, "/images", true, "test");
    }

    /** The heartbeat topic is consumed from "latest": wait until this node's beats really arrive. */
    private void awaitHeartbeatsApplied(String nodeId) {
        Instant since = Instant.now();
        await().atMost(WAIT).until(() -> {
            StorageNode node = QuarkusTransaction.requiringNew().call(() -> nodes.findById(nodeId));
            return node.lastHeartbeatAt != null && node.lastHeartbeatAt.isAfter(since);
        });
    }

    private static JsonPath view(String id) {
        return as(TestTokens.viewer())
                .get("/api/v1/sessions/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Publishes its messages every 500 ms, each with a fresh ce_id, as a live sender would. */
    private static final class Pulse implements AutoCloseable {
        private record Beat(String topic, ImagecastMessage message) {}

        private final List<Beat> beats = new CopyOnWriteArrayList<>();
        private final KafkaTap tap = KafkaTap.connect(TestBroker.bootstrap(), "test/pulse");
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        Pulse() {
            timer.scheduleAtFixedRate(this::beat, 0, 500, TimeUnit.MILLISECONDS);
        }

        void add(String topic, ImagecastMessage message) {
            beats.add(new Beat(topic, message));
        }

        private void beat() {
            for (Beat beat : beats) {
                try {
                    tap.publish(beat.topic(), beat.message());
                } catch (IllegalStateException e) {
                    LOG.warnf("pulse to %s failed: %s", beat.topic(), e.getMessage());
                }
            }
        }

        @Override
        public void close() {
            timer.shutdownNow();
            tap.close();
        }
    }
}
