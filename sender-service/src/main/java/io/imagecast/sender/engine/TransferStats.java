package io.imagecast.sender.engine;

import io.imagecast.events.transfer.ReceiverProgress;
import java.util.List;

/** A snapshot of a running transfer; {@code bytesSent} counts the whole image, not just the current file. */
public record TransferStats(int fileIndex, long bytesSent, long retransmittedBlocks, List<ReceiverProgress> receivers) {
    public TransferStats {
        receivers = List.copyOf(receivers);
    }
}
