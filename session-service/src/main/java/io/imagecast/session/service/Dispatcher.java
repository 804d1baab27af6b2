package io.imagecast.session.service;

import io.imagecast.events.command.ExpectedHost;
import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.service.logging.SessionMdc;
import io.imagecast.session.domain.HostState;
import io.imagecast.session.domain.MasterCheck;
import io.imagecast.session.domain.MulticastPool;
import io.imagecast.session.domain.PortWindow;
import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionReceiver;
import io.imagecast.session.domain.SessionRepository;
import io.imagecast.session.domain.SessionState;
import io.imagecast.session.domain.StorageGroup;
import io.imagecast.session.domain.StorageGroupRepository;
import io.imagecast.session.domain.StorageNode;
import io.imagecast.session.domain.StorageNodeRepository;
import io.imagecast.session.messaging.CommandOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jboss.logging.Logger;

/**
 * Places sessions on the master of their group: the lowest free even port of the group's window
 * on that node and a data address from the group's pool. When the window or the node's session
 * limit is exhausted the session stays QUEUED and is placed when a slot frees.
 */
@ApplicationScoped
public class Dispatcher {
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final SessionRepository sessions;
    private final StorageGroupRepository groups;
    private final StorageNodeRepository nodes;
    private final CommandOutbox outbox;

    public Dispatcher(
            SessionRepository sessions,
            StorageGroupRepository groups,
            StorageNodeRepository nodes,
            CommandOutbox outbox) {
        this.sessions = sessions;
        this.groups = groups;
        this.nodes = nodes;
        this.outbox = outbox;
    }

    /** Starts as many due queued sessions of the group as fit, oldest first. */
    @Transactional(Transactional.TxType.REQUIRED)
    public int dispatchDue(String groupName, Instant now) {
        Optional<StorageGroup> group = groups.lockForPlacement(groupName);
        if (group.isEmpty()) {
            return 0;
        }
        MasterCheck check = MasterCheck.of(group.get(), nodes.membersOf(groupName));
        int dispatched = 0;
        for (Session queued : sessions.dueQueued(groupName, now)) {
            Optional<String> waitReason = tryDispatch(queued, group.get(), check, now);
            if (waitReason.isPresent()) {
                queued.reason = waitReason.get();
                break;
            }
            dispatched++;
        }
        return dispatched;
    }

    /**
     * Dispatches the session if a slot is free; otherwise returns why it must wait. The caller holds
     * the group's placement lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> tryDispatch(Session session, StorageGroup group, MasterCheck check, Instant now) {
        if (!check.usable()) {
            return Optional.of("waiting for a usable master: " + String.join("; ", check.diagnosis()));
        }
        StorageNode master = check.master().orElseThrow();
        int limit = slotLimit(group, master);
        if (limit > 0 && sessions.slotsHeldOn(master.nodeId) >= limit) {
            return Optional.of("node '" + master.nodeId + "' already runs its maximum of " + limit + " sessions");
        }
        PortWindow window = new PortWindow(group.portWindowStart, group.portWindowEnd);
        OptionalInt port = window.lowestFreeBase(sessions.portsHeldOn(master.nodeId));
        if (port.isEmpty()) {
            return Optional.of("all " + window.capacity() + " port bases of window " + group.portWindowStart + "-"
                    + group.portWindowEnd + " on node '" + master.nodeId + "' are in use");
        }
        List<String> pool = group.multicastPool == null ? List.of() : group.multicastPool;
        Optional<String> address = MulticastPool.firstFree(pool, sessions.dataAddressesHeldIn(group.name));
        if (!pool.isEmpty() && address.isEmpty()) {
            return Optional.of("every data address of the multicast pool " + pool + " is in use");
        }
        session.place(master.nodeId, master.multicastInterface, port.getAsInt(), address.orElse(null));
        session.moveTo(SessionState.DISPATCHED, null, now);
        outbox.enqueue(startCommand(session, master), session.id, now);
        try (SessionMdc mdc = SessionMdc.of(session.id, master.nodeId)) {
            LOG.infof(
                    "session %s '%s' dispatched to node %s, port base %d, data address %s",
                    session.id, session.name, master.nodeId, session.portBase, session.dataAddress);
        }
        return Optional.empty();
    }

    static int slotLimit(StorageGroup group, StorageNode node) {
        int groupLimit = group.maxSessions > 0 ? group.maxSessions : Integer.MAX_VALUE;
        int nodeLimit = node.maxSessions > 0 ? node.maxSessions : Integer.MAX_VALUE;
        int limit = Math.min(groupLimit, nodeLimit);
        return limit == Integer.MAX_VALUE ? 0 : limit;
    }

    static StartTransferCommand startCommand(Session session, StorageNode master) {
        List<SessionReceiver> hosts = session.receivers.stream()
                .filter(r -> r.listed && r.state != HostState.DROPPED)
                .toList();
        long droppedBeforeStart = session.receivers.stream()
                .filter(r -> r.listed && r.state == HostState.DROPPED)
                .count();
        int minReceivers = (int) Math.max(1, session.expectedReceivers - droppedBeforeStart);
        return new StartTransferCommand(
                session.id,
                master.nodeId,
                session.name,
                session.imageDir,
                session.requestedFiles,
                session.interfaceName,
                session.portBase,
                session.dataAddress,
                null,
                minReceivers,
                hosts.stream()
                        .map(h -> new ExpectedHost(h.hostName, h.mac, h.ip))
                        .toList(),
                session.maxWaitSeconds,
                session.minWaitSeconds,
                session.startTimeoutSeconds,
                lowerOf(session.maxBitrateBps, master.maxBitrateBps),
                session.fullDuplex,
                session.ttl);
    }

    private static Long lowerOf(Long a, Long b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.min(a, b);
    }
}
