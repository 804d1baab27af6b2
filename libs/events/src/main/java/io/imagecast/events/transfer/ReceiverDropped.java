package io.imagecast.events.transfer;

import java.util.UUID;

public record ReceiverDropped(UUID sessionId, String nodeId, String address, int fileIndex, String reason)
        implements TransferEvent {
    public static final String TYPE = "imagecast.transfer.receiver-dropped.v1";
}
