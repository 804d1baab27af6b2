package io.imagecast.udpcast.receiver;

/**
 * How a reception ended.
 *
 * @param success every byte was received and written
 * @param bytes bytes written
 * @param millis from start() to the end
 * @param transferMillis from the first data to the end (0 when no data came)
 * @param sender the sender's address (null when never connected)
 * @param reason why it failed (null on success)
 * @param malformedDropped datagrams that did not decode
 * @param foreignDropped well-formed datagrams not from our sender or out of context
 */
public record ReceiveResult(
        boolean success,
        long bytes,
        long millis,
        long transferMillis,
        String sender,
        String reason,
        long malformedDropped,
        long foreignDropped) {}
