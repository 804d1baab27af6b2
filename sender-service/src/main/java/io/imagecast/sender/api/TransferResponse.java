package io.imagecast.sender.api;

import io.imagecast.events.transfer.DroppedReceiver;
import io.imagecast.events.transfer.ReceiverProgress;
import io.imagecast.sender.service.TransferSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record TransferResponse(
        UUID sessionId,
        String sessionName,
        String state,
        int fileIndex,
        int fileCount,
        String currentFile,
        long bytesSent,
        long totalBytes,
        double percent,
        long bitsPerSecond,
        long retransmittedBlocks,
        List<String> receivers,
        List<ReceiverProgress> receiverProgress,
        List<DroppedReceiver> dropped,
        Instant acceptedAt,
        Instant finishedAt,
        String reason) {

    static TransferResponse from(TransferSnapshot s) {
        double percent = s.totalBytes() == 0 ? 0 : Math.min(100.0, 100.0 * s.bytesSent() / s.totalBytes());
        return new TransferResponse(
                s.sessionId(),
                s.sessionName(),
                s.state().name(),
                s.fileIndex(),
                s.fileCount(),
                s.currentFile(),
                s.bytesSent(),
                s.totalBytes(),
                Math.round(percent * 10) / 10.0,
                s.bitsPerSecond(),
                s.retransmittedBlocks(),
                s.receivers(),
                s.receiverProgress(),
                s.dropped(),
                s.acceptedAt(),
                s.finishedAt(),
                s.reason());
    }
}
