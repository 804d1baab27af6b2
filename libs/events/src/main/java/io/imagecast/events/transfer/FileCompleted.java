package io.imagecast.events.transfer;

import java.util.List;
import java.util.UUID;

public record FileCompleted(
        UUID sessionId, String nodeId, int fileIndex, int fileCount, String fileName, List<String> receivers)
        implements TransferEvent {
    public static final String TYPE = "imagecast.transfer.file-completed.v1";
}
