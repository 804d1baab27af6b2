package io.imagecast.udpcast.sender;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the transfer tells its listener, and the human-readable notices that go with it. Every call is
 * guarded: a faulty listener must not break the transfer.
 */
final class SenderEvents {
    private final Consumer<SenderEvent> listener;
    private final List<Path> files;
    private final List<Long> fileSizes;

    SenderEvents(Consumer<SenderEvent> listener, List<Path> files, List<Long> fileSizes) {
        this.listener = listener;
        this.files = files;
        this.fileSizes = fileSizes;
    }

    /** Emits {@code event}; null (nothing to tell) is ignored. */
    void emit(SenderEvent event) {
        if (event == null) {
            return;
        }
        try {
            listener.accept(event);
        } catch (RuntimeException e) {
            // a faulty listener must not break the transfer
        }
    }

    void notice(String message) {
        emit(new SenderEvent.Notice(message));
    }

    /** What the sender announces about itself once the socket is bound. */
    void setUp(SenderConfig config, ControlReplies control) {
        notice("Using " + (config.duplex() == Duplex.FULL ? "full" : "half") + " duplex mode");
        notice("Using mcast address " + control.groupHost());
        notice((control.controlIsBroadcast() ? "Broadcasting" : "Multicasting") + " control to "
                + control.controlHost());
    }

    void fileStarted(
            int fileIndex,
            List<String> receivers,
            String dataHost,
            long gapMillis,
            long burstBytes,
            int smallestBuffer) {
        int fileCount = files.size();
        notice("Starting transfer of file " + (fileIndex + 1) + "/" + fileCount + " to " + receivers.size()
                + " receiver(s), data to " + dataHost + (gapMillis >= 0 ? ", re-join gap " + gapMillis + " ms" : "")
                + ", pacing burst " + burstBytes / 1024 + " KiB (smallest receive buffer " + smallestBuffer / 1024
                + " KiB)");
        emit(new SenderEvent.FileStarted(
                fileIndex, fileCount, files.get(fileIndex), fileSizes.get(fileIndex), receivers, dataHost, gapMillis));
    }

    void fileCompleted(int fileIndex, long millis, List<String> receivers) {
        int fileCount = files.size();
        long bytes = fileSizes.get(fileIndex);
        notice("File " + (fileIndex + 1) + "/" + fileCount + " complete: " + bytes + " bytes in " + millis + " ms to "
                + receivers.size() + " receiver(s)");
        emit(new SenderEvent.FileCompleted(fileIndex, fileCount, bytes, millis, receivers));
    }

    void dropped(Participant p, int fileIndex, String reason) {
        notice("Dropping client #" + p.clientNumber + " (" + p.host + "): " + reason);
        emit(new SenderEvent.ReceiverDropped(p.host, fileIndex, reason));
    }

    /** Exactly one of Completed, Cancelled or Failed, after the notice. */
    void ended(TransferResult r) {
        String reason = r.reason();
        notice("Transfer " + r.outcome().name().toLowerCase() + (reason == null ? "" : ": " + reason));
        switch (r.outcome()) {
            case COMPLETED, PARTIAL -> emit(new SenderEvent.Completed(r));
            case CANCELLED -> emit(new SenderEvent.Cancelled(reason, r));
            default -> emit(new SenderEvent.Failed(reason, r));
        }
    }
}
