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
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Moves a node to another group, optionally as that group's master, in one transaction: what
 * otherwise takes three calls (unset master, change group, set master) with a window in which
 * both groups may be without master.
 */
@ApplicationScoped
public class NodeMover {
    private static final Logger LOG = Logger.getLogger(NodeMover.class);

    private final StorageNodeRepository nodes;
    private final StorageGroupRepository groups;
    private final NodeRuntimeRepository runtimes;
    private final NodeAssessor assessor;
    private final PortWindowGuard portWindows;
    private final MasterService masters;
    private final NodeEventPublisher events;

    public NodeMover(
            StorageNodeRepository nodes,
            StorageGroupRepository groups,
            NodeRuntimeRepository runtimes,
            NodeAssessor assessor,
            PortWindowGuard portWindows,
            MasterService masters,
            NodeEventPublisher events) {
        this.nodes = nodes;
        this.groups = groups;
        this.runtimes = runtimes;
        this.assessor = assessor;
        this.portWindows = portWindows;
        this.masters = masters;
        this.events = events;
    }

    /** The moved node, and the group it left without master (if it was that group's master). */
    public record Moved(NodeView node, String previousGroup, boolean previousGroupLostMaster) {}

    @Transactional
    public Moved move(String name, String targetGroup, boolean asMaster, Long expectedVersion) {
        portWindows.lockTopology();
        StorageNode node = nodes.findByIdOptional(name).orElseThrow(() -> Problems.nodeNotFound(name));
        if (expectedVersion != null && expectedVersion != node.version) {
            throw Problems.versionMismatch("storage node " + name, node.version);
        }
        String previousGroup = node.groupName();
        // Both groups' rows, in name order, so a concurrent master switch or move queues up behind us.
        Stream.of(previousGroup, targetGroup)
                .filter(group -> group != null)
                .distinct()
                .sorted()
                .forEach(group -> groups.findForUpdate(group));
        StorageGroup target = groups.findByIdOptional(targetGroup)
                .orElseThrow(() -> Problems.invalid("group", "no storage group named " + targetGroup));
        boolean wasMaster = node.master;
        boolean leavesGroup = !target.name.equals(previousGroup);
        if (asMaster) {
            masters.requireEligible(target, node, true);
        }
        Optional<StorageNode> displaced =
                asMaster ? nodes.masterOf(target.name).filter(current -> !current.name.equals(name)) : Optional.empty();
        displaced.ifPresent(previous -> {
            previous.master = false;
            // The index allows one master per group and is checked per row: the old one goes first.
            nodes.flush();
            events.publish(NodeChange.MASTER_CHANGED, NodeSnapshots.of(previous, runtimes.forNode(previous.name)));
        });
        node.group = target;
        node.master = asMaster || (wasMaster && !leavesGroup);
        try {
            nodes.flush();
        } catch (OptimisticLockException e) {
            throw Problems.versionMismatch("storage node " + name, node.version);
        }
        // Checked once the node is in its new group, so its old group does not count as another one.
        if (leavesGroup && node.address != null) {
            portWindows.requireDisjoint(target.name, target.portWindow(), List.of(node.address));
        }
        NodeRuntime runtime = runtimes.forNode(name);
        assessor.refresh(node, runtime, Instant.now());
        events.publish(
                wasMaster != node.master || asMaster ? NodeChange.MASTER_CHANGED : NodeChange.CONFIGURED,
                NodeSnapshots.of(node, runtime));
        boolean lostMaster = wasMaster && leavesGroup && previousGroup != null;
        LOG.infof(
                "node %s moved from group %s to %s%s%s%s",
                name,
                previousGroup == null ? "none" : previousGroup,
                target.name,
                node.master ? " as its master" : "",
                displaced.map(previous -> " (replacing " + previous.name + ")").orElse(""),
                lostMaster ? "; group " + previousGroup + " has no master now" : "");
        return new Moved(new NodeView(node, runtime), previousGroup, lostMaster);
    }
}
