package io.imagecast.registry.service;

import io.imagecast.events.node.InterfaceAddress;
import io.imagecast.events.node.NodeChange;
import io.imagecast.events.node.NodeHeartbeat;
import io.imagecast.events.node.NodeStatus;
import io.imagecast.events.node.ObservedInterface;
import io.imagecast.registry.config.RegistryConfig;
import io.imagecast.registry.domain.InterfaceProposal;
import io.imagecast.registry.domain.IpAddressOnInterface;
import io.imagecast.registry.domain.NodeInterface;
import io.imagecast.registry.domain.NodeInterfaceRepository;
import io.imagecast.registry.domain.NodeNames;
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
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Applies a sender's heartbeat: liveness, observed interfaces, storage root, and the status that
 * follows from them. Unknown nodes are registered as discovered (no group, disabled) so an admin
 * sees them with their real interfaces before configuring them.
 */
@ApplicationScoped
public class HeartbeatService {
    private static final Logger LOG = Logger.getLogger(HeartbeatService.class);

    private final StorageNodeRepository nodes;
    private final NodeRuntimeRepository runtimes;
    private final NodeInterfaceRepository interfaces;
    private final NodeAssessor assessor;
    private final NodeEventPublisher events;
    private final RegistryConfig config;

    public HeartbeatService(
            StorageNodeRepository nodes,
            NodeRuntimeRepository runtimes,
            NodeInterfaceRepository interfaces,
            NodeAssessor assessor,
            NodeEventPublisher events,
            RegistryConfig config) {
        this.nodes = nodes;
        this.runtimes = runtimes;
        this.interfaces = interfaces;
        this.assessor = assessor;
        this.events = events;
        this.config = config;
    }

    /** Returns the node's status after the heartbeat, or empty when the heartbeat was ignored. */
    @Transactional
    public Optional<NodeStatus> record(NodeHeartbeat heartbeat, Instant receivedAt) {
        String name = heartbeat.nodeId();
        if (!NodeNames.isValid(name)) {
            LOG.warnf("ignoring heartbeat with invalid node name '%s'", name);
            return Optional.empty();
        }
        if (heartbeat.at().isBefore(receivedAt.minus(config.heartbeat().offlineAfter()))) {
            // A replayed or very late heartbeat says nothing about the node being alive now.
            LOG.warnf(
                    "ignoring heartbeat of node %s sent at %s, received %s: too old (or the node's clock is behind)",
                    name, heartbeat.at(), receivedAt);
            return Optional.empty();
        }
        boolean discovered = false;
        StorageNode node = nodes.findById(name);
        if (node == null) {
            node = discover(name);
            discovered = true;
        }
        NodeRuntime runtime = runtimes.forNodeLocked(name);
        if (!runtimes.isPersistent(runtime)) {
            runtimes.persist(runtime);
        }
        if (runtime.heartbeatSentAt != null && !heartbeat.at().isAfter(runtime.heartbeatSentAt)) {
            LOG.debugf("ignoring duplicate or out-of-order heartbeat of node %s", name);
            return Optional.empty();
        }
        NodeStatus before = runtime.status;
        applyRuntime(heartbeat, receivedAt, runtime);
        List<NodeInterface> observed = updateInterfaces(name, heartbeat.interfaces(), receivedAt);

        boolean configured = autoApplyInterface(node, observed);
        // The OFFLINE mark is the checker's; a fresh heartbeat lifts it before the status is recomputed.
        if (runtime.status == NodeStatus.OFFLINE) {
            runtime.status = NodeStatus.UNKNOWN;
        }
        boolean statusChanged = assessor.refresh(node, runtime, receivedAt) || runtime.status != before;
        if (configured) {
            events.publish(NodeChange.CONFIGURED, NodeSnapshots.of(node, runtime));
        } else if (statusChanged || discovered) {
            NodeChange change =
                    runtime.status == NodeStatus.MISCONFIGURED ? NodeChange.MISCONFIGURED : NodeChange.ONLINE;
            events.publish(change, NodeSnapshots.of(node, runtime));
        }
        if (runtime.status != before) {
            LOG.infof("node %s is %s (was %s) %s", name, runtime.status, before, runtime.problems);
        }
        return Optional.of(runtime.status);
    }

    private StorageNode discover(String name) {
        StorageNode node = new StorageNode();
        node.name = name;
        node.enabled = false;
        node.maxSessions = config.discoveredNode().maxSessions();
        nodes.persist(node);
        LOG.infof("discovered storage node %s from its heartbeats; it needs a group and an address", name);
        return node;
    }

    private static void applyRuntime(NodeHeartbeat heartbeat, Instant receivedAt, NodeRuntime runtime) {
        runtime.lastHeartbeat = receivedAt;
        runtime.heartbeatSentAt = heartbeat.at();
        runtime.hostname = heartbeat.hostname();
        runtime.storageRoot = heartbeat.storageRoot();
        runtime.storageRootReadable = heartbeat.storageRootReadable();
        runtime.activeSessions = heartbeat.activeSessions() == null
                ? 0
                : heartbeat.activeSessions().size();
        runtime.freeSlots = heartbeat.freeSlots();
        runtime.senderVersion = heartbeat.version();
    }

    /** Upserts the reported interfaces; ones no longer reported stay, marked absent. */
    private List<NodeInterface> updateInterfaces(String nodeName, List<ObservedInterface> reported, Instant seenAt) {
        Map<String, NodeInterface> known =
                interfaces.ofNode(nodeName).stream().collect(Collectors.toMap(nic -> nic.name, Function.identity()));
        known.values().forEach(nic -> nic.present = false);
        for (ObservedInterface observed : reported == null ? List.<ObservedInterface>of() : reported) {
            if (observed == null || observed.name() == null || observed.name().isBlank()) {
                continue;
            }
            NodeInterface nic = known.get(observed.name());
            if (nic == null) {
                nic = new NodeInterface();
                nic.nodeName = nodeName;
                nic.name = observed.name();
                known.put(nic.name, nic);
            }
            nic.addresses = addressesOf(observed);
            nic.mtu = observed.mtu();
            nic.up = observed.up();
            nic.multicast = observed.multicast();
            nic.loopback = observed.loopback();
            nic.virtual = observed.virtual();
            nic.present = true;
            nic.lastSeen = seenAt;
            if (!interfaces.isPersistent(nic)) {
                interfaces.persist(nic);
            }
        }
        return new ArrayList<>(known.values());
    }

    private static List<IpAddressOnInterface> addressesOf(ObservedInterface observed) {
        if (observed.addresses() == null) {
            return List.of();
        }
        List<IpAddressOnInterface> addresses = new ArrayList<>();
        for (InterfaceAddress address : observed.addresses()) {
            if (address != null && address.address() != null) {
                addresses.add(new IpAddressOnInterface(address.address(), address.prefixLength(), address.family()));
            }
        }
        return addresses;
    }

    private boolean autoApplyInterface(StorageNode node, List<NodeInterface> observed) {
        if (node.group == null
                || !node.group.autoApplyInterface
                || node.multicastInterface != null
                || node.interfaceCleared) {
            return false;
        }
        Optional<InterfaceProposal> proposal = InterfaceProposal.forNode(node, observed);
        proposal.ifPresent(chosen -> {
            node.multicastInterface = chosen.interfaceName();
            LOG.infof(
                    "node %s: multicast interface set to %s automatically (%s)",
                    node.name, chosen.interfaceName(), chosen.reason());
        });
        return proposal.isPresent();
    }
}
