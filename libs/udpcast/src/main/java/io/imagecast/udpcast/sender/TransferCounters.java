package io.imagecast.udpcast.sender;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * What one transfer sent, threw away and delivered, counted as it happens: the datagram counters
 * reported as {@link SenderStats}, the bytes of finished files, each file's timing, and when the next
 * progress event is due.
 */
final class TransferCounters {
    private static final long MS = 1_000_000L;

    long datagramsSent;
    long dataBlocksSent;
    long retransmittedBlocks;
    long reqAcksSent;
    long malformedDropped;
    long foreignDropped;

    private final LongSupplier clock;
    private final long startedNanos;
    private final int fileCount;
    private final long totalBytes;
    private final long progressIntervalNanos;
    private long bytesDoneBeforeFile;
    private long fileStartNanos;
    private long previousFileEndNanos = -1;
    private long nextProgressNanos;

    TransferCounters(LongSupplier clock, List<Long> fileSizes, SenderConfig config) {
        this.clock = clock;
        this.startedNanos = clock.getAsLong();
        this.fileCount = fileSizes.size();
        this.totalBytes = fileSizes.stream().mapToLong(Long::longValue).sum();
        this.progressIntervalNanos = config.progressInterval().toNanos();
    }

    /** When the sender was started: the first file's start timeout counts from here. */
    long startedNanos() {
        return startedNanos;
    }

    long millisSinceStart() {
        return (clock.getAsLong() - startedNanos) / MS;
    }

    long totalBytes() {
        return totalBytes;
    }

    /** A file's data starts; returns the re-join gap since the previous file in ms (-1 for the first). */
    long fileStarted(long now) {
        fileStartNanos = now;
        nextProgressNanos = now + progressIntervalNanos;
        return previousFileEndNanos < 0 ? -1 : (now - previousFileEndNanos) / MS;
    }

    /** A file of {@code bytes} is complete; returns how long it took in ms. */
    long fileDone(long bytes, long now) {
        bytesDoneBeforeFile += bytes;
        previousFileEndNanos = now;
        return (now - fileStartNanos) / MS;
    }

    /** The progress event, once every progress interval (null between). */
    SenderEvent.Progress progressDue(
            long now, int fileIndex, long fileBytes, SliceWindow window, ReceiverRoster roster, RateController rate) {
        if (now < nextProgressNanos) {
            return null;
        }
        long fileBytesAcked = window.bytesAckedByAll();
        nextProgressNanos = now + progressIntervalNanos;
        double seconds = Math.max(1e-9, (now - fileStartNanos) / 1e9);
        return new SenderEvent.Progress(
                fileIndex,
                fileCount,
                fileBytesAcked,
                fileBytes,
                bytesDoneBeforeFile + fileBytesAcked,
                totalBytes,
                fileBytesAcked * 8 / seconds,
                rate.bitsPerSecond(),
                roster.ackedBytesOfCurrentFile(),
                retransmittedBlocks);
    }

    SenderStats stats() {
        return new SenderStats(
                datagramsSent, dataBlocksSent, retransmittedBlocks, reqAcksSent, malformedDropped, foreignDropped);
    }
}
