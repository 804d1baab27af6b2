package io.imagecast.sender.service;

import io.imagecast.events.transfer.DroppedReceiver;
import io.imagecast.sender.domain.StorageRootPaths;
import io.imagecast.sender.engine.TransferListener;
import java.util.List;

/**
 * What the engine reports, with storage-root paths in its reasons made relative: the engine words
 * I/O failures with the absolute paths it opened, and the reasons become session reasons.
 */
final class RelativePathsListener implements TransferListener {
    private final TransferListener delegate;
    private final StorageRootPaths paths;

    RelativePathsListener(TransferListener delegate, StorageRootPaths paths) {
        this.delegate = delegate;
        this.paths = paths;
    }

    @Override
    public void waitingForReceivers(int fileIndex) {
        delegate.waitingForReceivers(fileIndex);
    }

    @Override
    public void notice(String message) {
        delegate.notice(paths.relativize(message));
    }

    @Override
    public void receiverJoined(String address, int fileIndex, int receiverCount) {
        delegate.receiverJoined(address, fileIndex, receiverCount);
    }

    @Override
    public void fileStarted(int fileIndex, List<String> receivers) {
        delegate.fileStarted(fileIndex, receivers);
    }

    @Override
    public void fileCompleted(int fileIndex, List<String> receivers) {
        delegate.fileCompleted(fileIndex, receivers);
    }

    @Override
    public void receiverDropped(String address, int fileIndex, String reason) {
        delegate.receiverDropped(address, fileIndex, paths.relativize(reason));
    }

    @Override
    public void completed(List<String> receivers, List<DroppedReceiver> dropped) {
        delegate.completed(receivers, dropped);
    }

    @Override
    public void failed(String reason) {
        delegate.failed(paths.relativize(reason));
    }

    @Override
    public void cancelled(String reason) {
        delegate.cancelled(paths.relativize(reason));
    }
}
