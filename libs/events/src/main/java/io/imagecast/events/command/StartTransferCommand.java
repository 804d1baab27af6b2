package io.imagecast.events.command;

import io.imagecast.events.ImagecastMessage;
import java.util.List;
import java.util.UUID;

/**
 * Tells one storage node to run a session. {@code imageDir} is relative to the node's storage root;
 * {@code files} are sent in order, one udpcast transfer each, on the same port base.
 */
public record StartTransferCommand(
        UUID sessionId,
        String nodeId,
        String sessionName,
        String imageDir,
        List<String> files,
        String interfaceName,
        int portBase,
        String dataAddress,
        String rendezvousAddress,
        int minReceivers,
        List<ExpectedHost> hosts,
        Integer maxWaitSeconds,
        Integer minWaitSeconds,
        int startTimeoutSeconds,
        Long maxBitrateBps,
        boolean fullDuplex,
        int ttl)
        implements ImagecastMessage {
    public static final String TYPE = "imagecast.session.start-requested.v1";

    @Override
    public String key() {
        return nodeId;
    }
}
