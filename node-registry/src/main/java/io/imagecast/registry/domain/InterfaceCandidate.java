package io.imagecast.registry.domain;

import java.util.List;

/** An interface the node has, summarised for choosing the multicast interface. */
public record InterfaceCandidate(
        String name, List<String> addresses, boolean up, boolean multicast, boolean loopback, boolean suitable) {
    static InterfaceCandidate of(NodeInterface nic) {
        return new InterfaceCandidate(
                nic.name,
                nic.addresses.stream().map(IpAddressOnInterface::toString).toList(),
                nic.up,
                nic.multicast,
                nic.loopback,
                nic.suitableForMulticast());
    }
}
