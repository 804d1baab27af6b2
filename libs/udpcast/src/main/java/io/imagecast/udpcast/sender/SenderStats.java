package io.imagecast.udpcast.sender;

/**
 * Counters of one transfer.
 *
 * @param datagramsSent every datagram sent
 * @param dataBlocksSent DATA datagrams including retransmissions
 * @param retransmittedBlocks DATA datagrams sent again on request
 * @param reqAcksSent REQACK datagrams
 * @param malformedDropped received datagrams that did not decode
 * @param foreignDropped well-formed datagrams from strangers, wrong ports, or out of context
 */
public record SenderStats(
        long datagramsSent,
        long dataBlocksSent,
        long retransmittedBlocks,
        long reqAcksSent,
        long malformedDropped,
        long foreignDropped) {}
