package io.imagecast.sender.service;

import io.imagecast.events.command.StartTransferCommand;
import io.imagecast.events.transfer.DroppedReceiver;
import io.imagecast.events.transfer.ReceiverProgress;
import io.imagecast.sender.domain.ResolvedImage;
import io.imagecast.sender.domain.TransferState;
import io.imagecast.sender.engine.TransferHandle;
import io.imagecast.sender.engine.TransferStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** One session this node runs: its plan, its engine handle and what the engine reported so far. */
public final class ActiveTransfer {
    private final StartTransferCommand command;
    private final ResolvedImage image;
    private final SessionLog log;
    private final Instant acceptedAt;
    private final CompletableFuture<Void> reported = new CompletableFuture<>();

    private TransferHandle handle;
    private TransferState state = TransferState.WAITING_FOR_RECEIVERS;
    private int fileIndex;
    private final Set<String> receivers = new LinkedHashSet<>();
    private final List<DroppedReceiver> dropped = new ArrayList<>();
    private List<ReceiverProgress> receiverProgress = List.of();
    private long bytesSent;
    private long retransmittedBlocks;
    private long bitsPerSecond;
    private long rateBytes;
    private long rateNanos = System.nanoTime();
    private Instant finishedAt;
    private String reason;
    private boolean dataSent;

    public ActiveTransfer(StartTransferCommand command, ResolvedImage image, SessionLog log, Instant acceptedAt) {
        this.command = command;
        this.image = image;
        this.log = log;
        this.acceptedAt = acceptedAt;
    }

    public UUID sessionId() {
        return command.sessionId();
    }

    public StartTransferCommand command() {
        return command;
    }

    public ResolvedImage image() {
        return image;
    }

    public SessionLog log() {
        return log;
    }

    /** Completes once the final event has been handed to the broker (or publishing it failed). */
    public CompletableFuture<Void> reported() {
        return reported;
    }

    public synchronized void attach(TransferHandle engineHandle) {
        this.handle = engineHandle;
    }

    public synchronized Optional<TransferHandle> handle() {
        return Optional.ofNullable(handle);
    }

    public synchronized void waiting(int index) {
        fileIndex = index;
        state = TransferState.WAITING_FOR_RECEIVERS;
    }

    public synchronized void joined(String address) {
        receivers.add(address);
    }

    /** Marks data as flowing; true the first time, when the session can no longer be restarted. */
    public synchronized boolean started(int index, List<String> fileReceivers) {
        fileIndex = index;
        state = TransferState.SENDING;
        receivers.addAll(fileReceivers);
        boolean first = !dataSent;
        dataSent = true;
        return first;
    }

    public synchronized void dropped(String address, String why) {
        receivers.remove(address);
        dropped.add(new DroppedReceiver(address, why));
    }

    /** Moves to a final state once; false when the transfer had already ended. */
    public synchronized boolean finish(TransferState finalState, String why, Instant at) {
        if (state.terminal()) {
            return false;
        }
        state = finalState;
        reason = why;
        finishedAt = at;
        return true;
    }

    public synchronized boolean finished() {
        return state.terminal();
    }

    public synchronized List<DroppedReceiver> droppedReceivers() {
        return List.copyOf(dropped);
    }

    /** Takes fresh numbers from the engine and works out the rate since the previous sample. */
    public synchronized void sample(TransferStats stats, long nowNanos) {
        long elapsed = nowNanos - rateNanos;
        if (elapsed > 0 && stats.bytesSent() >= rateBytes) {
            bitsPerSecond = (stats.bytesSent() - rateBytes) * 8L * 1_000_000_000L / elapsed;
        }
        rateBytes = stats.bytesSent();
        rateNanos = nowNanos;
        bytesSent = stats.bytesSent();
        retransmittedBlocks = stats.retransmittedBlocks();
        fileIndex = stats.fileIndex();
        receiverProgress = stats.receivers();
    }

    public synchronized TransferSnapshot snapshot() {
        int fileCount = image.files().size();
        String currentFile =
                fileIndex < fileCount ? image.files().get(fileIndex).name() : null;
        return new TransferSnapshot(
                command.sessionId(),
                command.sessionName(),
                state,
                fileIndex,
                fileCount,
                currentFile,
                bytesSent,
                image.totalBytes(),
                bitsPerSecond,
                retransmittedBlocks,
                List.copyOf(receivers),
                receiverProgress,
                List.copyOf(dropped),
                acceptedAt,
                finishedAt,
                reason);
    }
}
