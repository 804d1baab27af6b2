package io.imagecast.session.domain;

/** What happened to one receiver of a session; the allowed moves live in {@link HostStateMachine}. */
public enum HostState {
    /** Listed by the scheduler, not seen by the sender yet. */
    EXPECTED,
    JOINED,
    RECEIVING,
    /** An operator asked the node to drop it; the node has not confirmed yet. */
    DROP_REQUESTED,
    COMPLETED,
    DROPPED,
    /** Listed but never joined before the session ended. */
    MISSING,
    CANCELLED;

    public boolean isFinal() {
        return this == COMPLETED || this == DROPPED || this == MISSING || this == CANCELLED;
    }
}
