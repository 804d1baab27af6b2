package io.imagecast.udpcast.sender;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What a sender reports while it runs. Delivered on the sender's event-loop thread: do not block. */
public sealed interface SenderEvent {

    /** The sender is bound and announcing itself; waiting for receivers for file {@code fileIndex}. */
    record Waiting(int fileIndex, int fileCount, String controlAddress, String dataAddress, int portBase)
            implements SenderEvent {}

    /** A receiver connected (or re-connected for a later file). */
    record ReceiverJoined(String address, int clientNumber, int fileIndex) implements SenderEvent {}

    /**
     * A receiver asked to join file {@code fileIndex} (> 0) without having taken file
     * {@code fileIndex - 1}: it would write this file where the previous one belongs (FOG bug #1742). It
     * is refused.
     */
    record ReceiverDesync(String address, int fileIndex, String detail) implements SenderEvent {}

    /**
     * A file's transfer started. {@code rejoinGapMillis} is the time from the end of the previous file
     * to this start (-1 for the first file).
     */
    record FileStarted(
            int fileIndex,
            int fileCount,
            Path file,
            long bytes,
            List<String> receivers,
            String dataDestination,
            long rejoinGapMillis)
            implements SenderEvent {}

    /**
     * Periodic progress of the current file. {@code receiverAckedBytes}: bytes of this file each receiver
     * has acknowledged. {@code rateBitsPerSecond} is acknowledged goodput since the file started.
     */
    record Progress(
            int fileIndex,
            int fileCount,
            long fileBytesAcked,
            long fileBytes,
            long totalBytesAcked,
            long totalBytes,
            double rateBitsPerSecond,
            long pacingBitsPerSecond,
            Map<String, Long> receiverAckedBytes,
            long retransmittedBlocks)
            implements SenderEvent {}

    /** Every remaining receiver acknowledged the whole of file {@code fileIndex}. */
    record FileCompleted(int fileIndex, int fileCount, long bytes, long millis, List<String> receivers)
            implements SenderEvent {}

    /** A receiver was removed from the transfer; it will not get the remaining data. */
    record ReceiverDropped(String address, int fileIndex, String reason) implements SenderEvent {}

    /** A human-readable line for the session log (the equivalent of udp-sender's output). */
    record Notice(String message) implements SenderEvent {}

    /** The transfer ended with at least one receiver that acknowledged every file. */
    record Completed(TransferResult result) implements SenderEvent {}

    /** The transfer ended without any receiver getting everything. */
    record Failed(String reason, TransferResult result) implements SenderEvent {}

    /** {@code cancel()} ended the transfer. */
    record Cancelled(String reason, TransferResult result) implements SenderEvent {}
}
