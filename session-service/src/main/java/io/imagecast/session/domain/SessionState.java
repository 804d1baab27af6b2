package io.imagecast.session.domain;

import java.util.EnumSet;
import java.util.Set;

/** Lifecycle of a multicast session; the allowed moves live in {@link SessionStateMachine}. */
public enum SessionState {
    QUEUED,
    DISPATCHED,
    WAITING_FOR_RECEIVERS,
    TRANSFERRING,
    COMPLETED,
    PARTIAL,
    FAILED,
    CANCELLED;

    public static final Set<SessionState> ACTIVE = EnumSet.of(QUEUED, DISPATCHED, WAITING_FOR_RECEIVERS, TRANSFERRING);
    /** States in which a node has been told to run the session. */
    public static final Set<SessionState> ON_NODE = EnumSet.of(DISPATCHED, WAITING_FOR_RECEIVERS, TRANSFERRING);

    public boolean isTerminal() {
        return !ACTIVE.contains(this);
    }
}
