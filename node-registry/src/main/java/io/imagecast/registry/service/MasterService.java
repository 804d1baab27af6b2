package io.imagecast.registry.service;

import io.imagecast.events.node.NodeChange;
import io.imagecast.registry.domain.NodeRuntime;
import io.imagecast.registry.domain.NodeRuntimeRepository;
import io.imagecast.registry.domain.StorageGroup;
import io.imagecast.registry.domain.StorageGroupRepository;
import io.imagecast.registry.domain.StorageNode;
import io.imagecast.registry.domain.StorageNodeRepository;
import io.imagecast.registry.messaging.NodeEventPublisher;
import io.imagecast.registry.messaging.NodeSnapshots;
import io.imagecast.service.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Chooses the one node per group that sends its multicast sessions. The database allows at most one
 * master per group (partial unique index); the group row lock makes concurrent switches queue up
 * instead of failing on that index.
 */
@ApplicationScoped
public class MasterService {
    private static final Logger LOG = Logger.getLogger(MasterService.class);

    private final StorageGroupRepository groups;
    private final StorageNodeRepository nodes;
    private final NodeRuntimeRepository runtimes;
    private final NodeEventPublisher events;

    public MasterService(
            StorageGroupRepository groups,
            StorageNodeRepository nodes,
            NodeRuntimeRepository runtimes,
            NodeEventPublisher events) {
        this.groups = groups;
        this.nodes = nodes;
        this.runtimes = runtimes;
        this.events = events;
    }

    @Transactional
    public Optional<String> masterOf(String groupName) {
        groups.findByIdOptional(groupName).orElseThrow(() -> Problems.groupNotFound(groupName));
        return nodes.masterOf(groupName).map(node -> node.name);
    }

    /** Makes {@code nodeName} the master of the group in one transaction: old master off, new one on. */
    @Transactional
    public String switchMaster(String groupName, String nodeName) {
        StorageGroup group = groups.findForUpdate(groupName).orElseThrow(() -> Problems.groupNotFound(groupName));
        StorageNode candidate = nodes.findByIdOptional(nodeName)
                .orElseThrow(() -> notEligible(group, nodeName, "unknown-node", "no storage node named " + nodeName));
        requireEligible(group, candidate, false);
        Optional<StorageNode> current = nodes.masterOf(groupName);
        if (current.isPresent() && current.get().name.equals(nodeName)) {
            return nodeName;
        }
        current.ifPresent(previous -> {
            previous.master = false;
            // The old master must be off in the database before the new one is on: the index is checked per row.
            nodes.flush();
            publish(previous);
        });
        candidate.master = true;
        nodes.flush();
        publish(candidate);
        LOG.infof(
                "group %s master switched from %s to %s",
                groupName, current.map(node -> node.name).orElse("none"), nodeName);
        return nodeName;
    }

    /** Leaves the group without master (e.g. before retiring the node); diagnosis reports it. */
    @Transactional
    public void clearMaster(String groupName) {
        groups.findForUpdate(groupName).orElseThrow(() -> Problems.groupNotFound(groupName));
        nodes.masterOf(groupName).ifPresent(previous -> {
            previous.master = false;
            nodes.flush();
            publish(previous);
            LOG.infof("group %s has no master any more (was %s)", groupName, previous.name);
        });
    }

    /**
     * Fails with 409 master-not-eligible unless {@code candidate} can send the group's sessions;
     * {@code joining} when the node is about to be moved into the group in the same transaction.
     */
    void requireEligible(StorageGroup group, StorageNode candidate, boolean joining) {
        if (!joining && !Objects.equals(candidate.groupName(), group.name)) {
            throw notEligible(
                    group,
                    candidate.name,
                    "other-group",
                    "node " + candidate.name + " belongs to "
                            + (candidate.group == null ? "no group" : "group " + candidate.groupName())
                            + ", not to " + group.name);
        }
        if (!candidate.enabled) {
            throw notEligible(
                    group, candidate.name, "disabled", "node " + candidate.name + " is disabled; enable it first");
        }
        NodeRuntime runtime = runtimes.forNode(candidate.name);
        if (!runtime.hasHeartbeated()) {
            throw notEligible(
                    group,
                    candidate.name,
                    "never-heartbeated",
                    "node " + candidate.name + " has never sent a heartbeat, so no sender-service runs on it"
                            + " (a NAS cannot send multicast); start sender-service there with node name '"
                            + candidate.name + "' first");
        }
    }

    private static ProblemException notEligible(StorageGroup group, String node, String reason, String detail) {
        return Problems.conflict("master-not-eligible", "The node cannot be master", detail)
                .with("reason", reason)
                .with("group", group.name)
                .with("node", node);
    }

    private void publish(StorageNode node) {
        events.publish(NodeChange.MASTER_CHANGED, NodeSnapshots.of(node, runtimes.forNode(node.name)));
    }
}
