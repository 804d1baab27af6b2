package io.imagecast.registry.service;

import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeStatus;
import io.imagecast.registry.config.RegistryConfig;
import io.imagecast.registry.domain.NodeRuntime;
import io.imagecast.registry.domain.NodeRuntimeRepository;
import io.imagecast.registry.domain.StorageNode;
import io.imagecast.registry.domain.StorageNodeRepository;
import io.imagecast.registry.messaging.NodeEventPublisher;
import io.imagecast.registry.messaging.NodeSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** Marks nodes offline when their heartbeats stop, and says so on Kafka. */
@ApplicationScoped
public class LivenessService {
    private static final Logger LOG = Logger.getLogger(LivenessService.class);

    private final StorageNodeRepository nodes;
    private final NodeRuntimeRepository runtimes;
    private final NodeEventPublisher events;
    private final RegistryConfig config;

    public LivenessService(
            StorageNodeRepository nodes,
            NodeRuntimeRepository runtimes,
            NodeEventPublisher events,
            RegistryConfig config) {
        this.nodes = nodes;
        this.runtimes = runtimes;
        this.events = events;
        this.config = config;
    }

    /** Returns the names of the nodes that went offline now. */
    @Transactional
    public List<String> markSilentNodesOffline(Instant now) {
        Instant cutoff = now.minus(config.heartbeat().offlineAfter());
        List<String> offline = new ArrayList<>();
        for (String name : runtimes.silentSince(cutoff)) {
            NodeRuntime runtime = runtimes.forNodeLocked(name);
            // Re-checked under the lock: a heartbeat may have arrived since the query.
            if (runtime.status == NodeStatus.OFFLINE || !runtime.lastHeartbeat.isBefore(cutoff)) {
                continue;
            }
            runtime.status = NodeStatus.OFFLINE;
            StorageNode node = nodes.findById(name);
            events.publish(NodeChange.OFFLINE, NodeSnapshots.of(node, runtime));
            LOG.warnf("node %s is offline: last heartbeat %s", name, runtime.lastHeartbeat);
            offline.add(name);
        }
        return offline;
    }
}
