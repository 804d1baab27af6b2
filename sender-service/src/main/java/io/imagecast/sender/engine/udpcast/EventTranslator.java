package io.imagecast.sender.engine.udpcast;

import io.imagecast.events.transfer.DroppedReceiver;
import io.imagecast.events.transfer.ReceiverProgress;
import io.imagecast.sender.engine.TransferListener;
import io.imagecast.sender.engine.TransferStats;
import io.imagecast.udpcast.sender.SenderEvent;
import io.imagecast.udpcast.sender.TransferResult;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Translates the engine's events into listener calls. The engine calls on its event loop, which must
 * not block (it paces the data), so the listener runs on a thread of this transfer's own, in order.
 */
final class EventTranslator {
    private final TransferListener listener;
    private final ExecutorService delivery;
    private final Set<String> joinedThisFile = new HashSet<>();
    private volatile TransferStats latest = new TransferStats(0, 0, 0, List.of());

    EventTranslator(TransferListener listener) {
        this.listener = listener;
        this.delivery = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "transfer-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    TransferStats latestStats() {
        return latest;
    }

    void accept(SenderEvent event) {
        if (event instanceof SenderEvent.Progress progress) {
            latest = statsOf(progress);
            return;
        }
        deliver(() -> translate(event));
        if (event instanceof SenderEvent.Completed
                || event instanceof SenderEvent.Failed
                || event instanceof SenderEvent.Cancelled) {
            delivery.shutdown();
        }
    }

    void startFailed(String reason) {
        deliver(() -> listener.failed("the sender could not start: " + reason));
        delivery.shutdown();
    }

    private void deliver(Runnable call) {
        if (!delivery.isShutdown()) {
            delivery.execute(call);
        }
    }

    private void translate(SenderEvent event) {
        if (event instanceof SenderEvent.Waiting waiting) {
            joinedThisFile.clear();
            listener.waitingForReceivers(waiting.fileIndex());
        } else if (event instanceof SenderEvent.ReceiverJoined joined) {
            joinedThisFile.add(joined.address());
            listener.receiverJoined(joined.address(), joined.fileIndex(), joinedThisFile.size());
        } else if (event instanceof SenderEvent.ReceiverDesync desync) {
            listener.notice("receiver " + desync.address() + " refused for file " + (desync.fileIndex() + 1) + ": "
                    + desync.detail());
        } else if (event instanceof SenderEvent.FileStarted started) {
            listener.fileStarted(started.fileIndex(), started.receivers());
        } else if (event instanceof SenderEvent.FileCompleted completed) {
            listener.fileCompleted(completed.fileIndex(), completed.receivers());
        } else if (event instanceof SenderEvent.ReceiverDropped dropped) {
            listener.receiverDropped(dropped.address(), dropped.fileIndex(), dropped.reason());
        } else if (event instanceof SenderEvent.Notice notice) {
            listener.notice(notice.message());
        } else if (event instanceof SenderEvent.Completed completed) {
            TransferResult result = completed.result();
            listener.completed(
                    result.receivers().stream()
                            .filter(TransferResult.ReceiverOutcome::completed)
                            .map(TransferResult.ReceiverOutcome::address)
                            .toList(),
                    result.receivers().stream()
                            .filter(r -> !r.completed())
                            .map(r -> new DroppedReceiver(r.address(), r.reason()))
                            .toList());
        } else if (event instanceof SenderEvent.Failed failed) {
            listener.failed(failed.reason());
        } else if (event instanceof SenderEvent.Cancelled cancelled) {
            listener.cancelled(cancelled.reason());
        }
    }

    private static TransferStats statsOf(SenderEvent.Progress progress) {
        List<ReceiverProgress> receivers = progress.receiverAckedBytes().entrySet().stream()
                .map(e -> new ReceiverProgress(e.getKey(), e.getValue()))
                .toList();
        return new TransferStats(
                progress.fileIndex(), progress.totalBytesAcked(), progress.retransmittedBlocks(), receivers);
    }
}
