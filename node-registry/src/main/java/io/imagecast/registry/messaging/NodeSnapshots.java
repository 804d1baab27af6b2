package io.imagecast.registry.messaging;

import io.imagecast.events.node.GroupSnapshot;
import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.registry.domain.NodeRuntime;
import io.imagecast.registry.domain.StorageGroup;
import io.imagecast.registry.domain.StorageNode;
import java.util.List;

/** Maps registry state to the event contract's snapshots. */
public final class NodeSnapshots {
    private NodeSnapshots() {}

    public static NodeSnapshot of(StorageNode node, NodeRuntime runtime) {
        return new NodeSnapshot(
                node.name,
                node.group == null ? null : of(node.group),
                node.address,
                node.enabled,
                node.master,
                node.multicastInterface,
                node.maxBitrateBps,
                node.maxSessions,
                runtime.status,
                List.copyOf(runtime.problems),
                runtime.lastHeartbeat);
    }

    public static GroupSnapshot of(StorageGroup group) {
        return new GroupSnapshot(
                group.name,
                group.imageRoot,
                group.portWindowStart,
                group.portWindowEnd,
                List.copyOf(group.multicastPool),
                group.maxSessions,
                group.autoApplyInterface);
    }
}
