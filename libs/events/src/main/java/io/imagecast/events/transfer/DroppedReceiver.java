package io.imagecast.events.transfer;

public record DroppedReceiver(String address, String reason) {}
