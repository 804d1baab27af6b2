package io.imagecast.sender.service;

import io.imagecast.events.transfer.DroppedReceiver;
import io.imagecast.events.transfer.ReceiverProgress;
import io.imagecast.sender.domain.TransferState;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A consistent copy of one transfer's state for readers. */
public record TransferSnapshot(
        UUID sessionId,
        String sessionName,
        TransferState state,
        int fileIndex,
        int fileCount,
        String currentFile,
        long bytesSent,
        long totalBytes,
        long bitsPerSecond,
        long retransmittedBlocks,
        List<String> receivers,
        List<ReceiverProgress> receiverProgress,
        List<DroppedReceiver> dropped,
        Instant acceptedAt,
        Instant finishedAt,
        String reason) {}
