package io.imagecast.session.domain;

import io.imagecast.events.node.NodeStatus;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A storage node as last announced by the node registry, plus when it last sent a heartbeat. */
@Entity
@Table(name = "storage_node")
public class StorageNode {
    @Id
    public String nodeId;

    public String groupName;
    public String address;
    public boolean enabled;
    public boolean master;
    public String multicastInterface;
    public Long maxBitrateBps;
    public int maxSessions;

    @Enumerated(EnumType.STRING)
    public NodeStatus status;

    @Convert(converter = StringListConverter.class)
    public List<String> problems;

    public boolean removed;
    public Instant lastHeartbeatAt;
    /** ce_time of the node event applied last; older events are ignored. */
    public Instant changedAt;
}
