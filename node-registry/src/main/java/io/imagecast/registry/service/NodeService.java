package io.imagecast.registry.service;

import io.imagecast.events.node.NodeChange;
import io.imagecast.registry.domain.InterfaceProposal;
import io.imagecast.registry.domain.NodeInterfaceRepository;
import io.imagecast.registry.domain.NodeRuntime;
import io.imagecast.registry.domain.NodeRuntimeRepository;
import io.imagecast.registry.domain.StorageGroup;
import io.imagecast.registry.domain.StorageGroupRepository;
import io.imagecast.registry.domain.StorageNode;
import io.imagecast.registry.domain.StorageNodeRepository;
import io.imagecast.registry.messaging.NodeEventPublisher;
import io.imagecast.registry.messaging.NodeSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

@ApplicationScoped
public class NodeService {
    private static final Logger LOG = Logger.getLogger(NodeService.class);

    private final StorageNodeRepository nodes;
    private final StorageGroupRepository groups;
    private final NodeRuntimeRepository runtimes;
    private final NodeInterfaceRepository interfaces;
    private final NodeAssessor assessor;
    private final PortWindowGuard portWindows;
    private final NodeEventPublisher events;

    public NodeService(
            StorageNodeRepository nodes,
            StorageGroupRepository groups,
            NodeRuntimeRepository runtimes,
            NodeInterfaceRepository interfaces,
            NodeAssessor assessor,
            PortWindowGuard portWindows,
            NodeEventPublisher events) {
        this.nodes = nodes;
        this.groups = groups;
        this.runtimes = runtimes;
        this.interfaces = interfaces;
        this.assessor = assessor;
        this.portWindows = portWindows;
        this.events = events;
    }

    @Transactional
    public PageSlice<NodeView> list(String group, String afterName, int limit) {
        List<StorageNode> page = nodes.page(group, afterName, limit + 1);
        boolean more = page.size() > limit;
        List<StorageNode> shown = page.subList(0, Math.min(limit, page.size()));
        Map<String, NodeRuntime> runtimeByNode =
                runtimes.forNodes(shown.stream().map(node -> node.name).toList());
        List<NodeView> views = shown.stream()
                .map(node -> new NodeView(
                        node, runtimeByNode.getOrDefault(node.name, NodeRuntime.neverHeardFrom(node.name))))
                .toList();
        return new PageSlice<>(views, more ? shown.get(shown.size() - 1).name : null);
    }

    @Transactional
    public NodeView get(String name) {
        StorageNode node = existing(name);
        return new NodeView(node, runtimes.forNode(name));
    }

    @Transactional
    public NodeView create(String name, NodeSettings settings) {
        portWindows.lockTopology();
        if (nodes.findByIdOptional(name).isPresent()) {
            throw Problems.conflict(
                    "node-exists",
                    "Storage node exists",
                    "a storage node named " + name + " exists (perhaps discovered from its heartbeats); change it"
                            + " with PUT /api/v1/nodes/" + name + " and its ETag in If-Match");
        }
        StorageNode node = new StorageNode();
        node.name = name;
        apply(settings, node);
        requireDisjointWindows(node);
        nodes.persist(node);
        NodeRuntime runtime = NodeRuntime.neverHeardFrom(name);
        runtimes.persist(runtime);
        publishConfigured(node, runtime);
        LOG.infof("storage node %s created in group %s", name, node.groupName());
        return new NodeView(node, runtime);
    }

    @Transactional
    public NodeView update(String name, NodeSettings settings, Long expectedVersion) {
        portWindows.lockTopology();
        StorageNode node = existing(name);
        requireVersion(node, expectedVersion);
        if (node.master && !Objects.equals(node.groupName(), settings.group())) {
            throw masterCannot(node, "move to another group");
        }
        if (node.master && !settings.enabled()) {
            throw masterCannot(node, "be disabled");
        }
        apply(settings, node);
        requireDisjointWindows(node);
        flush(node);
        NodeRuntime runtime = publishConfigured(node, runtimes.forNode(name));
        LOG.infof("storage node %s updated to version %d", name, node.version);
        return new NodeView(node, runtime);
    }

    /** Sets the interface the registry proposes (see {@link InterfaceProposal}); 409 when there is none. */
    @Transactional
    public NodeView applyProposedInterface(String name, Long expectedVersion) {
        StorageNode node = existing(name);
        requireVersion(node, expectedVersion);
        InterfaceProposal proposal = InterfaceProposal.forNode(node, interfaces.ofNode(name))
                .orElseThrow(() -> Problems.conflict(
                        "no-interface-proposal",
                        "No interface to propose",
                        "nothing to apply for node " + name + ": it has an interface configured, has no address, or"
                                + " not exactly one up, multicast-capable interface carries its address; see GET"
                                + " /api/v1/nodes/" + name + "/interfaces"));
        node.multicastInterface = proposal.interfaceName();
        node.interfaceCleared = false;
        flush(node);
        NodeRuntime runtime = publishConfigured(node, runtimes.forNode(name));
        LOG.infof(
                "node %s: multicast interface set to proposed %s (%s)",
                name, proposal.interfaceName(), proposal.reason());
        return new NodeView(node, runtime);
    }

    @Transactional
    public void delete(String name, Long expectedVersion) {
        StorageNode node = existing(name);
        requireVersion(node, expectedVersion);
        NodeRuntime runtime = runtimes.forNode(name);
        events.publish(NodeChange.REMOVED, NodeSnapshots.of(node, runtime));
        interfaces.delete("nodeName", name);
        runtimes.delete("nodeName", name);
        nodes.delete(node);
        flush(node);
        LOG.infof("storage node %s deleted%s", name, node.master ? "; its group has no master now" : "");
    }

    private StorageNode existing(String name) {
        return nodes.findByIdOptional(name).orElseThrow(() -> Problems.nodeNotFound(name));
    }

    private static void requireVersion(StorageNode node, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != node.version) {
            throw Problems.versionMismatch("storage node " + node.name, node.version);
        }
    }

    private void flush(StorageNode node) {
        try {
            nodes.flush();
        } catch (OptimisticLockException e) {
            throw Problems.versionMismatch("storage node " + node.name, node.version);
        }
    }

    /** Re-assesses the node against what it last reported and tells consumers its new configuration. */
    private NodeRuntime publishConfigured(StorageNode node, NodeRuntime runtime) {
        assessor.refresh(node, runtime, Instant.now());
        events.publish(NodeChange.CONFIGURED, NodeSnapshots.of(node, runtime));
        return runtime;
    }

    private void apply(NodeSettings settings, StorageNode node) {
        node.group = settings.group() == null
                ? null
                : groups.findByIdOptional(settings.group())
                        .orElseThrow(() -> Problems.invalid("group", "no storage group named " + settings.group()));
        node.address = settings.address();
        node.enabled = settings.enabled();
        if (settings.multicastInterface() != null) {
            node.interfaceCleared = false;
        } else if (node.multicastInterface != null) {
            node.interfaceCleared = true;
        }
        node.multicastInterface = settings.multicastInterface();
        node.maxBitrateBps = settings.maxBitrateBps();
        node.maxSessions = settings.maxSessions();
    }

    private void requireDisjointWindows(StorageNode node) {
        if (node.group != null && node.address != null) {
            StorageGroup group = node.group;
            portWindows.requireDisjoint(group.name, group.portWindow(), List.of(node.address));
        }
    }

    private static RuntimeException masterCannot(StorageNode node, String what) {
        return Problems.conflict(
                        "node-is-master",
                        "The node is its group's master",
                        "node " + node.name + " is the master of group " + node.groupName() + " and cannot " + what
                                + "; make another node master first (PUT /api/v1/groups/" + node.groupName()
                                + "/master)")
                .with("group", node.groupName());
    }
}
