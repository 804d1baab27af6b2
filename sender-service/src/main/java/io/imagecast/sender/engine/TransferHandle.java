package io.imagecast.sender.engine;

/** Control over one running transfer. */
public interface TransferHandle {
    /** Stops the transfer, telling the receivers; the listener then hears {@code cancelled}. */
    void cancel(String reason);

    /** Disconnects one receiver while the others go on; the listener then hears {@code receiverDropped}. */
    void dropReceiver(String address, String reason);

    TransferStats stats();
}
