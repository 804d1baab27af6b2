package io.imagecast.registry.api;

import io.imagecast.registry.domain.IpAddressOnInterface;
import io.imagecast.registry.domain.NodeInterface;
import java.time.Instant;
import java.util.List;

public record InterfaceResponse(
        String name,
        List<IpAddressOnInterface> addresses,
        int mtu,
        boolean up,
        boolean multicast,
        boolean loopback,
        boolean virtual,
        boolean present,
        boolean suitableForMulticast,
        Instant lastSeen) {
    static InterfaceResponse of(NodeInterface nic) {
        return new InterfaceResponse(
                nic.name,
                List.copyOf(nic.addresses),
                nic.mtu,
                nic.up,
                nic.multicast,
                nic.loopback,
                nic.virtual,
                nic.present,
                nic.suitableForMulticast(),
                nic.lastSeen);
    }
}
