package io.imagecast.sender.domain;

import io.imagecast.events.node.NodeSnapshot;
import java.util.Optional;

/**
 * What the registry says about this node right now. Starts from local config and is replaced whole
 * whenever a node event arrives, so readers always see one consistent version.
 *
 * @param fromRegistry whether the registry has spoken; from then on its interface is the only one
 */
public record NodeSettings(
        String interfaceName, Long maxBitrateBps, int maxSessions, boolean master, boolean fromRegistry) {

    /** The settings of local configuration, used until the first node event arrives. */
    public static NodeSettings local(String interfaceName, Long maxBitrateBps, int maxSessions) {
        return new NodeSettings(blankToNull(interfaceName), maxBitrateBps, maxSessions, false, false);
    }

    /**
     * Takes over the registry's view. An interface the registry leaves empty is a cleared one: an
     * admin who unsets it means "stop sending there", so the local fallback is not used any more.
     */
    public NodeSettings withRegistry(NodeSnapshot node) {
        return new NodeSettings(
                blankToNull(node.multicastInterface()),
                node.maxBitrateBps(),
                node.maxSessions() > 0 ? node.maxSessions() : maxSessions,
                node.master(),
                true);
    }

    /** Why no new session may start on this node, if the registry left it without an interface. */
    public Optional<String> interfaceRefusal(String nodeId) {
        if (!fromRegistry || interfaceName != null) {
            return Optional.empty();
        }
        return Optional.of("node " + nodeId + " has no multicast interface configured in the node registry, so it"
                + " starts no new session (the interface it used before is not used any more); set"
                + " \"multicastInterface\" on the node in the registry to send again");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
