package io.imagecast.sender.engine;

import io.imagecast.events.transfer.DroppedReceiver;
import java.util.List;

/**
 * What an engine reports while it runs a session. Exactly one of {@link #completed}, {@link #failed}
 * or {@link #cancelled} ends every transfer. File indexes are 0-based.
 */
public interface TransferListener {
    void waitingForReceivers(int fileIndex);

    /** A line for the session log that is not an event of its own (e.g. a refused receiver). */
    void notice(String message);

    void receiverJoined(String address, int fileIndex, int receiverCount);

    void fileStarted(int fileIndex, List<String> receivers);

    void fileCompleted(int fileIndex, List<String> receivers);

    void receiverDropped(String address, int fileIndex, String reason);

    void completed(List<String> receivers, List<DroppedReceiver> dropped);

    void failed(String reason);

    void cancelled(String reason);
}
