package io.imagecast.session.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.node.GroupSnapshot;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.events.node.NodeStatus;
import io.imagecast.session.domain.StorageNode;
import io.imagecast.session.service.NodeEventHandler;
import io.imagecast.testsupport.KafkaTestResource;
import io.imagecast.testsupport.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
