package io.imagecast.session.service;

import io.imagecast.events.EventMetadata;
import io.imagecast.events.node.GroupSnapshot;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeChanged;
import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.events.node.NodeSnapshot;
import io.imagecast.session.domain.ProcessedEventRepository;
import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionRepository;
import io.imagecast.session.domain.StorageGroup;
import io.imagecast.session.domain.StorageGroupRepository;
import io.imagecast.session.domain.StorageNode;
import io.imagecast.session.domain.StorageNodeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Keeps the local read model of nodes and groups, fed only by the registry's node events. */
@ApplicationScoped
public class NodeEventHandler {
    private static final Logger LOG = Logger.getLogger(NodeEventHandler.class);

    private final StorageNodeRepository nodes;
    private final StorageGroupRepository groups;
    private final SessionRepository sessions;
    private final ProcessedEventRepository processed;
    private final Dispatcher dispatcher;

    public NodeEventHandler(
            StorageNodeRepository nodes,
            StorageGroupRepository groups,
            SessionRepository sessions,
            ProcessedEventRepository processed,
            Dispatcher dispatcher) {
        this.nodes = nodes;
        this.groups = groups;
        this.sessions = sessions;
        this.processed = processed;
        this.dispatcher = dispatcher;
    }

    @Transactional
    public void handle(EventMetadata metadata, NodeChanged changed) {
        Instant now = Instant.now();
        if (!processed.markProcessed(metadata.id(), now)) {
            return;
        }
        NodeSnapshot snapshot = changed.node();
        // Heartbeats of the same node are applied on another thread: the row lock keeps either from
        // writing back what it read before the other committed.
        StorageNode node = nodes.findById(snapshot.nodeId(), LockModeType.PESSIMISTIC_WRITE);
        if (node != null && node.changedAt != null && node.changedAt.isAfter(metadata.time())) {
            LOG.debugf("stale node event %s for %s ignored", metadata.id(), snapshot.nodeId());
            return;
        }
        boolean isNew = node == null;
        if (isNew) {
            node = new StorageNode();
            node.nodeId = snapshot.nodeId();
        }
        String previousGroup = node.groupName;
        node.groupName = snapshot.group() == null ? null : snapshot.group().name();
        node.address = snapshot.address();
        node.enabled = snapshot.enabled();
        node.master = snapshot.master();
        node.multicastInterface = snapshot.multicastInterface();
        node.maxBitrateBps = snapshot.maxBitrateBps();
        node.maxSessions = snapshot.maxSessions();
        node.status = snapshot.status();
        node.problems = snapshot.problems() == null ? List.of() : List.copyOf(snapshot.problems());
        node.removed = changed.change() == NodeChange.REMOVED;
        if (snapshot.lastHeartbeat() != null
                && (node.lastHeartbeatAt == null || snapshot.lastHeartbeat().isAfter(node.lastHeartbeatAt))) {
            node.lastHeartbeatAt = snapshot.lastHeartbeat();
        }
        node.changedAt = metadata.time();
        if (isNew) {
            nodes.persist(node);
        }
        if (snapshot.group() != null) {
            updateGroup(snapshot.group(), metadata.time());
        }
        LOG.infof(
                "node %s is %s (%s, master=%s, group=%s)",
                node.nodeId, node.status, changed.change(), node.master, node.groupName);
        nodes.flush();
        // A master that came back, or a wider window, may let queued sessions start.
        if (node.groupName != null) {
            dispatcher.dispatchDue(node.groupName, now);
        }
        if (previousGroup != null && !previousGroup.equals(node.groupName)) {
            dispatcher.dispatchDue(previousGroup, now);
        }
    }

    private void updateGroup(GroupSnapshot snapshot, Instant eventTime) {
        // Locked: events of two nodes of one group are applied concurrently (other partitions, other
        // replicas), and the newer snapshot must not be overwritten by an older one read before it committed.
        StorageGroup group = groups.findById(snapshot.name(), LockModeType.PESSIMISTIC_WRITE);
        boolean isNew = group == null;
        if (isNew) {
            group = new StorageGroup();
            group.name = snapshot.name();
        } else if (group.updatedAt != null && group.updatedAt.isAfter(eventTime)) {
            return;
        }
        group.imageRoot = snapshot.imageRoot();
        group.portWindowStart = snapshot.portWindowStart();
        group.portWindowEnd = snapshot.portWindowEnd();
        group.multicastPool = snapshot.multicastPool() == null ? List.of() : List.copyOf(snapshot.multicastPool());
        group.maxSessions = snapshot.maxSessions();
        group.updatedAt = eventTime;
        if (isNew) {
            groups.persist(group);
        }
    }

    /**
     * Heartbeats are applied without de-duplication: taking the later timestamp is idempotent.
     * A heartbeat that no longer lists an ended session proves its sender stopped: the port frees.
     */
    @Transactional
    public void handle(NodeHeartbeat heartbeat) {
        Instant now = Instant.now();
        StorageNode node = nodes.findById(heartbeat.nodeId(), LockModeType.PESSIMISTIC_WRITE);
        if (node == null) {
            LOG.debugf("heartbeat from unregistered node %s ignored", heartbeat.nodeId());
            return;
        }
        // Our own clock, not the node's: liveness must not depend on clock skew between machines.
        node.lastHeartbeatAt = now;
        Set<UUID> running = new HashSet<>(heartbeat.activeSessions() == null ? List.of() : heartbeat.activeSessions());
        boolean released = false;
        for (Session ended : sessions.endedButHoldingSlot()) {
            if (heartbeat.nodeId().equals(ended.nodeId)
                    && !running.contains(ended.id)
                    && sessions.lock(ended).holdsSlot) {
                ended.holdsSlot = false;
                released = true;
                LOG.infof(
                        "session %s: node %s no longer runs it, port %d released",
                        ended.id, ended.nodeId, ended.portBase);
            }
        }
        if (released && node.groupName != null) {
            sessions.flush();
            dispatcher.dispatchDue(node.groupName, now);
        }
    }
}
