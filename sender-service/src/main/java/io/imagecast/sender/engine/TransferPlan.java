package io.imagecast.sender.engine;

import io.imagecast.sender.domain.ImageFile;
import java.net.Inet4Address;
import java.util.List;
import java.util.UUID;

/** Everything an engine needs to send one session's files, validated and resolved beforehand. */
public record TransferPlan(
        UUID sessionId,
        List<ImageFile> files,
        String interfaceName,
        Inet4Address interfaceAddress,
        int portBase,
        String dataAddress,
        String rendezvousAddress,
        int minReceivers,
        Integer maxWaitSeconds,
        Integer minWaitSeconds,
        int startTimeoutSeconds,
        Long maxBitrateBps,
        boolean fullDuplex,
        int ttl) {
    public TransferPlan {
        files = List.copyOf(files);
    }
}
