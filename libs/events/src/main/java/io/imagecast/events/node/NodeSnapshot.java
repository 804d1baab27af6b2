package io.imagecast.events.node;

import java.time.Instant;
import java.util.List;

/** Everything another service needs to place sessions on a node, without calling the registry. */
public record NodeSnapshot(
        String nodeId,
        GroupSnapshot group,
        String address,
        boolean enabled,
        boolean master,
        String multicastInterface,
        Long maxBitrateBps,
        int maxSessions,
        NodeStatus status,
        List<String> problems,
        Instant lastHeartbeat) {}
