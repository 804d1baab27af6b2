package io.imagecast.registry.domain;

import io.imagecast.events.node.NodeStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** What a node last told the registry about itself, and the status derived from it. */
@Entity
@Table(name = "node_runtime")
public class NodeRuntime {
    @Id
    @Column(name = "node_name")
    public String nodeName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public NodeStatus status = NodeStatus.UNKNOWN;

    /** Why the node is misconfigured: the messages of the blocking findings. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> problems = new ArrayList<>();

    /** When the registry received the last heartbeat (registry clock: decides liveness). */
    @Column(name = "last_heartbeat")
    public Instant lastHeartbeat;

    /** The node's own timestamp of that heartbeat (node clock: only orders heartbeats). */
    @Column(name = "heartbeat_sent_at")
    public Instant heartbeatSentAt;

    public String hostname;

    @Column(name = "storage_root")
    public String storageRoot;

    @Column(name = "storage_root_readable")
    public Boolean storageRootReadable;

    @Column(name = "active_sessions")
    public Integer activeSessions;

    @Column(name = "free_slots")
    public Integer freeSlots;

    @Column(name = "sender_version")
    public String senderVersion;

    public static NodeRuntime neverHeardFrom(String nodeName) {
        NodeRuntime runtime = new NodeRuntime();
        runtime.nodeName = nodeName;
        return runtime;
    }

    public boolean hasHeartbeated() {
        return lastHeartbeat != null;
    }
}
