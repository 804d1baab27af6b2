package io.imagecast.sender.engine;

/** Control over one running transfer. */
public interface TransferHandle {
    /** Stops the transfer, telling the receivers; the listener then hears {@code cancelled}. */
    void cancel(String reason);

    /** Disconnects one receiver while the others go on; false when no such receiver takes part. */
    boolean dropReceiver(String address, String reason);

    /** Applies a new bitrate cap (null: uncapped) to the data still to be sent. */
    void changeMaxBitrate(Long bitsPerSecond);

    TransferStats stats();
}
