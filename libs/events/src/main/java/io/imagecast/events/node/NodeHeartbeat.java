package io.imagecast.events.node;

import io.imagecast.events.ImagecastMessage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Published by every sender-service every few seconds; its absence marks the node offline. */
public record NodeHeartbeat(
        String nodeId,
        String hostname,
        Instant at,
        List<ObservedInterface> interfaces,
        List<UUID> activeSessions,
        int freeSlots,
        String storageRoot,
        boolean storageRootReadable,
        String version)
        implements ImagecastMessage {
    public static final String TYPE = "imagecast.node.heartbeat.v1";

    @Override
    public String key() {
        return nodeId;
    }
}
