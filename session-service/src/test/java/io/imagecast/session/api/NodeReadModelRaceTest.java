package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.node.GroupSnapshot;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.events.node.NodeStatus;
import io.imagecast.session.domain.StorageGroup;
import io.imagecast.session.domain.StorageGroupRepository;
import io.imagecast.session.domain.StorageNode;
import io.imagecast.session.service.NodeEventHandler;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A node's heartbeats and its registry events arrive on two Kafka channels and are applied by two
 * threads. Seen in an end-to-end run: a heartbeat applied while the MASTER_CHANGED event was applied
 * wrote back the master flag it had read before, so session-service refused sessions with "group has
 * no master" although the registry had made the node master.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(KafkaTestResource.class)
class NodeReadModelRaceTest extends SessionTestSupport {
    private static final int ROUNDS = 40;

    @Inject
    NodeEventHandler handler;

    @Inject
    StorageGroupRepository groups;

    @Test
    void heartbeatsNeverUndoARegistryChangeAppliedAtTheSameTime() throws Exception {
        String group = unique("race-master");
        String node = group + "-nas";
        handler.handle(metadata(), changed(node, group, false));
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> heartbeats = pool.submit(() -> {
                while (!stop.get()) {
                    handler.handle(heartbeat(node));
                }
            });
            List<String> lost = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                boolean master = round % 2 == 0;
                handler.handle(metadata(), changed(node, group, master));
                boolean stored = QuarkusTransaction.requiringNew().call(() -> nodes.findById(node)).master;
                // let heartbeats that started before the change commit, then look again
                Thread.sleep(20);
                StorageNode after = QuarkusTransaction.requiringNew().call(() -> nodes.findById(node));
                if (stored != master || after.master != master) {
                    lost.add("round " + round + ": event said master=" + master + ", stored " + stored + ", then "
                            + after.master);
                }
            }
            stop.set(true);
            heartbeats.get();
            assertThat(lost)
                    .as("registry changes undone by concurrent heartbeats")
                    .isEmpty();
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
    }

    /**
     * Two nodes of one group report on different partitions, so two replicas (or two consumer
     * threads) apply their events at once. The group snapshot of the newer event must stay, even
     * when the older one was read before the newer one committed.
     */
    @Test
    void anOlderGroupSnapshotAppliedConcurrentlyNeverOverwritesANewerOne() throws Exception {
        String group = unique("race-group");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        Instant older = start.plusSeconds(10);
        Instant newer = start.plusSeconds(20);
        handler.handle(metadata(start), changed(group + "-a", group, 9750, start));
        CountDownLatch newerApplied = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> replicaA =
                    pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                        handler.handle(metadata(newer), changed(group + "-a", group, 9899, newer));
                        newerApplied.countDown();
                        try {
                            // Replica B reads the group meanwhile; this commit comes after that read.
                            Thread.sleep(700);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            newerApplied.await();
            handler.handle(metadata(older), changed(group + "-b", group, 9799, older));
            replicaA.get();
        } finally {
            pool.shutdownNow();
        }
        StorageGroup stored = QuarkusTransaction.requiringNew().call(() -> groups.findById(group));
        assertThat(stored.portWindowEnd)
                .as("port window end of the newest snapshot")
                .isEqualTo(9899);
        assertThat(stored.updatedAt).isEqualTo(newer);
    }

    private static EventMetadata metadata(Instant time) {
        return new EventMetadata(UUID.randomUUID().toString(), NodeChanged.class.getName(), "test", time, null);
    }

    private static NodeChanged changed(String node, String group, int windowEnd, Instant at) {
        GroupSnapshot snapshot =
                new GroupSnapshot(group, "/images", 9700, windowEnd, List.of("239.77.0.0/30"), 4, false);
        return new NodeChanged(
                NodeChange.CONFIGURED,
                new NodeSnapshot(
                        node, snapshot, "127.0.0.1", true, false, "eth0", null, 4, NodeStatus.ONLINE, List.of(), at));
    }

    private static EventMetadata metadata() {
        return new EventMetadata(
                UUID.randomUUID().toString(), NodeChanged.class.getName(), "test", Instant.now(), null);
    }

    private static NodeChanged changed(String node, String group, boolean master) {
        GroupSnapshot snapshot = new GroupSnapshot(group, "/images", 9700, 9799, List.of("239.77.0.0/30"), 4, false);
        return new NodeChanged(
                master ? NodeChange.MASTER_CHANGED : NodeChange.CONFIGURED,
                new NodeSnapshot(
                        node,
                        snapshot,
                        "127.0.0.1",
                        true,
                        master,
                        "eth0",
                        null,
                        4,
                        NodeStatus.ONLINE,
                        List.of(),
                        Instant.now()));
    }

    private static NodeHeartbeat heartbeat(String node) {
        return new NodeHeartbeat(node, "nas", Instant.now(), List.of(), List.of(), 4, "/images", true, "test");
    }
}
