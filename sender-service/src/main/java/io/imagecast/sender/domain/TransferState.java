package io.imagecast.sender.domain;

public enum TransferState {
    WAITING_FOR_RECEIVERS,
    SENDING,
    COMPLETED,
    FAILED,
    CANCELLED;

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }
}
