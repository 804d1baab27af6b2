package io.imagecast.udpcast.sender;

/** udp-sender's duplex modes: full pipelines two slices, half waits for each slice's acknowledgement. */
public enum Duplex {
    FULL,
    HALF
}
