package io.imagecast.udpcast.receiver;

/** What a receiver reports. Delivered on its event-loop thread: do not block. */
public sealed interface ReceiverEvent {
    record Connected(String sender, int clientNumber, String dataAddress, int blockSize) implements ReceiverEvent {}

    record Progress(long bytes, double bitsPerSecond) implements ReceiverEvent {}

    record Notice(String message) implements ReceiverEvent {}
}
