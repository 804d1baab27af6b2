package io.imagecast.registry.domain;

import java.util.List;
import java.util.Optional;

/**
 * The interface the registry proposes for a node without one: the single suitable interface that
 * carries the node's address. Two candidates, or none, is a decision left to an admin.
 */
public record InterfaceProposal(String interfaceName, String reason) {
    public static Optional<InterfaceProposal> forNode(StorageNode node, List<NodeInterface> interfaces) {
        if (node.multicastInterface != null || node.address == null) {
            return Optional.empty();
        }
        List<NodeInterface> carriers = interfaces.stream()
                .filter(NodeInterface::suitableForMulticast)
                .filter(nic -> nic.carries(node.address))
                .toList();
        if (carriers.size() != 1) {
            return Optional.empty();
        }
        NodeInterface chosen = carriers.get(0);
        return Optional.of(new InterfaceProposal(
                chosen.name,
                chosen.name + " is the only up, multicast-capable interface carrying the node address "
                        + node.address + "; multicast would go onto its network "
                        + String.join(", ", chosen.ipv4Networks())));
    }
}
