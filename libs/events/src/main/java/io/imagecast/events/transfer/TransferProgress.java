package io.imagecast.events.transfer;

import java.util.List;
import java.util.UUID;

/** Sent about once a second while data flows. Byte counts are for the whole image. */
public record TransferProgress(
        UUID sessionId,
        String nodeId,
        int fileIndex,
        int fileCount,
        long bytesSent,
        long totalBytes,
        long bitsPerSecond,
        long retransmittedBlocks,
        List<ReceiverProgress> receivers)
        implements TransferEvent {
    public static final String TYPE = "imagecast.transfer.progress.v1";
}
