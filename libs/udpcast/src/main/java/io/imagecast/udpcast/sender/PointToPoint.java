package io.imagecast.udpcast.sender;

/** When data goes unicast: AUTO with exactly one receiver (udp-sender's default), ALWAYS, NEVER. */
public enum PointToPoint {
    AUTO,
    ALWAYS,
    NEVER
}
