package io.imagecast.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A storage group: the image root its nodes serve and the ports and addresses its sessions use. */
@Entity
@Table(name = "storage_group")
public class StorageGroup {
    @Id
    public String name;

    @Column(name = "image_root", nullable = false)
    public String imageRoot;

    @Column(name = "port_window_start", nullable = false)
    public int portWindowStart;

    @Column(name = "port_window_end", nullable = false)
    public int portWindowEnd;

    /** IPv4 CIDR blocks inside 224.0.0.0/4 from which session data addresses are taken. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "multicast_pool", nullable = false)
    public List<String> multicastPool = new ArrayList<>();

    @Column(name = "max_sessions", nullable = false)
    public int maxSessions;

    /** Whether a proposed interface is applied without an admin (see {@link InterfaceProposal}). */
    @Column(name = "auto_apply_interface", nullable = false)
    public boolean autoApplyInterface;

    @Version
    public long version;

    public PortWindow portWindow() {
        return new PortWindow(portWindowStart, portWindowEnd);
    }
}
