package io.imagecast.events.transfer;

import java.util.UUID;

/** The sender listens for receivers of file {@code fileIndex} on {@code portBase}. */
public record WaitingForReceivers(UUID sessionId, String nodeId, int fileIndex, int portBase, int minReceivers)
        implements TransferEvent {
    public static final String TYPE = "imagecast.transfer.waiting.v1";
}
