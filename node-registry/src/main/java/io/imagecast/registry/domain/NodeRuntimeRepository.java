package io.imagecast.registry.domain;

import io.imagecast.events.node.NodeStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

@ApplicationScoped
public class NodeRuntimeRepository implements PanacheRepositoryBase<NodeRuntime, String> {
    public NodeRuntime forNode(String nodeName) {
        return findByIdOptional(nodeName).orElseGet(() -> NodeRuntime.neverHeardFrom(nodeName));
    }

    /** Locks the runtime row so heartbeats and the offline check do not overwrite each other. */
    public NodeRuntime forNodeLocked(String nodeName) {
        return findByIdOptional(nodeName, LockModeType.PESSIMISTIC_WRITE)
                .orElseGet(() -> NodeRuntime.neverHeardFrom(nodeName));
    }

    public Map<String, NodeRuntime> forNodes(Collection<String> nodeNames) {
        if (nodeNames.isEmpty()) {
            return Map.of();
        }
        return list("nodeName in ?1", nodeNames).stream()
                .collect(Collectors.toMap(runtime -> runtime.nodeName, Function.identity()));
    }

    /** Nodes believed alive whose last heartbeat is older than {@code cutoff}. */
    public List<String> silentSince(Instant cutoff) {
        return getEntityManager()
                .createQuery(
                        "select r.nodeName from NodeRuntime r where r.status in :alive and r.lastHeartbeat < :cutoff",
                        String.class)
                .setParameter("alive", List.of(NodeStatus.ONLINE, NodeStatus.MISCONFIGURED))
                .setParameter("cutoff", cutoff)
                .getResultList();
    }
}
