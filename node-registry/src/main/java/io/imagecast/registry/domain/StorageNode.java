package io.imagecast.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A storage node as configured. Its name is its id: the sender-service on the node is configured
 * with it and heartbeats with it. What the node reports lives in {@link NodeRuntime}.
 */
@Entity
@Table(name = "storage_node")
public class StorageNode {
    @Id
    public String name;

    /** Null for a node discovered from its heartbeats and not yet configured. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "group_name")
    public StorageGroup group;

    /** IP literal clients reach the node at (rendezvous); null until configured. */
    public String address;

    @Column(nullable = false)
    public boolean enabled;

    @Column(nullable = false)
    public boolean master;

    @Column(name = "multicast_interface")
    public String multicastInterface;

    /** An admin unset the interface: nothing sets one automatically until an admin does. */
    @Column(name = "interface_cleared", nullable = false)
    public boolean interfaceCleared;

    @Column(name = "max_bitrate_bps")
    public Long maxBitrateBps;

    @Column(name = "max_sessions", nullable = false)
    public int maxSessions;

    @Version
    public long version;

    public String groupName() {
        return group == null ? null : group.name;
    }
}
