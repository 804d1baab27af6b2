package io.imagecast.registry.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A network interface as a node reported it in its heartbeats. */
@Entity
@Table(name = "node_interface")
public class NodeInterface {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "node_name", nullable = false)
    public String nodeName;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<IpAddressOnInterface> addresses = new ArrayList<>();

    public int mtu;
    public boolean up;
    public boolean multicast;
    public boolean loopback;

    @Column(name = "is_virtual")
    public boolean virtual;

    /** False once the interface is missing from the latest heartbeat (e.g. renamed by an OS upgrade). */
    public boolean present;

    @Column(name = "last_seen", nullable = false)
    public Instant lastSeen;

    public boolean hasIpv4() {
        return addresses.stream().anyMatch(IpAddressOnInterface::carriesIpv4);
    }

    public boolean carries(String address) {
        return address != null && addresses.stream().anyMatch(a -> IpAddresses.sameAddress(a.address(), address));
    }

    /** The IPv4 networks of this interface: where multicast sent from it goes. */
    public List<String> ipv4Networks() {
        return addresses.stream()
                .map(IpAddressOnInterface::ipv4Network)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
    }

    /** Can carry a multicast session: present, up, multicast-capable, not loopback, has IPv4. */
    public boolean suitableForMulticast() {
        return present && up && multicast && !loopback && hasIpv4();
    }
}
