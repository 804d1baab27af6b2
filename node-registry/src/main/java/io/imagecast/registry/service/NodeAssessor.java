package io.imagecast.registry.service;

import io.imagecast.events.node.NodeStatus;
import io.imagecast.registry.config.RegistryConfig;
import io.imagecast.registry.domain.Diagnostician;
import io.imagecast.registry.domain.Finding;
import io.imagecast.registry.domain.NodeInterface;
import io.imagecast.registry.domain.NodeInterfaceRepository;
import io.imagecast.registry.domain.NodeRuntime;
import io.imagecast.registry.domain.StorageNode;
import io.imagecast.registry.domain.StorageNodeRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Runs the diagnosis of a node against the database and keeps its stored status in line with it. */
@ApplicationScoped
public class NodeAssessor {
    private final StorageNodeRepository nodes;
    private final NodeInterfaceRepository interfaces;
    private final Diagnostician diagnostician;

    public NodeAssessor(StorageNodeRepository nodes, NodeInterfaceRepository interfaces, RegistryConfig config) {
        this.nodes = nodes;
        this.interfaces = interfaces;
        this.diagnostician = new Diagnostician(config.heartbeat().offlineAfter());
    }

    public List<Finding> findings(StorageNode node, NodeRuntime runtime, Instant now) {
        return findings(node, runtime, interfaces.ofNode(node.name), now);
    }

    public List<Finding> findings(StorageNode node, NodeRuntime runtime, List<NodeInterface> observed, Instant now) {
        boolean groupHasMaster =
                node.group != null && nodes.masterOf(node.group.name).isPresent();
        return diagnostician.diagnose(node, runtime, observed, groupHasMaster, now);
    }

    public NodeStatus statusOf(NodeRuntime runtime, List<Finding> findings, Instant now) {
        return diagnostician.statusOf(runtime, findings, now);
    }

    /** Recomputes status and reasons; true when either changed (consumers must hear about it). */
    public boolean refresh(StorageNode node, NodeRuntime runtime, Instant now) {
        List<Finding> findings = findings(node, runtime, now);
        NodeStatus status = diagnostician.statusOf(runtime, findings, now);
        List<String> reasons = Diagnostician.reasons(findings);
        boolean changed = status != runtime.status || !Objects.equals(reasons, runtime.problems);
        runtime.status = status;
        runtime.problems = reasons;
        return changed;
    }
}
