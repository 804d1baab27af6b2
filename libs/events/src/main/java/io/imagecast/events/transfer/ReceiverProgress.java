package io.imagecast.events.transfer;

/** Bytes of the current file that one receiver has acknowledged. */
public record ReceiverProgress(String address, long acknowledgedBytes) {}
