package io.imagecast.registry.api;

import io.imagecast.events.node.NodeStatus;
import io.imagecast.registry.domain.NodeRuntime;
import io.imagecast.registry.domain.StorageNode;
import io.imagecast.registry.service.NodeView;
import java.time.Instant;
import java.util.List;

public record NodeResponse(
        String name,
        String group,
        String address,
        boolean enabled,
        boolean master,
        String multicastInterface,
        Long maxBitrateBps,
        int maxSessions,
        NodeStatus status,
        List<String> problems,
        Instant lastHeartbeat,
        String hostname,
        String storageRoot,
        Boolean storageRootReadable,
        Integer activeSessions,
        Integer freeSlots,
        String senderVersion,
        long version) {
    static NodeResponse of(NodeView view) {
        StorageNode node = view.node();
        NodeRuntime runtime = view.runtime();
        return new NodeResponse(
                node.name,
                node.groupName(),
                node.address,
                node.enabled,
                node.master,
                node.multicastInterface,
                node.maxBitrateBps,
                node.maxSessions,
                runtime.status,
                List.copyOf(runtime.problems),
                runtime.lastHeartbeat,
                runtime.hostname,
                runtime.storageRoot,
                runtime.storageRootReadable,
                runtime.activeSessions,
                runtime.freeSlots,
                runtime.senderVersion,
                node.version);
    }
}
