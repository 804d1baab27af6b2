package io.imagecast.events.transfer;

import java.util.UUID;

public record ReceiverJoined(UUID sessionId, String nodeId, String address, int fileIndex, int receiverCount)
        implements TransferEvent {
    public static final String TYPE = "imagecast.transfer.receiver-joined.v1";
}
