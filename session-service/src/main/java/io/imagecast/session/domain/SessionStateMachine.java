package io.imagecast.session.domain;

import static io.imagecast.session.domain.SessionState.CANCELLED;
import static io.imagecast.session.domain.SessionState.COMPLETED;
import static io.imagecast.session.domain.SessionState.DISPATCHED;
import static io.imagecast.session.domain.SessionState.FAILED;
import static io.imagecast.session.domain.SessionState.PARTIAL;
import static io.imagecast.session.domain.SessionState.QUEUED;
import static io.imagecast.session.domain.SessionState.TRANSFERRING;
import static io.imagecast.session.domain.SessionState.WAITING_FOR_RECEIVERS;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The only place that decides which session state may follow which. Terminal states have no
 * successors, so a late event can never revive a finished session (FOG's "stuck in progress").
 */
public final class SessionStateMachine {
    private static final Map<SessionState, Set<SessionState>> ALLOWED = new EnumMap<>(SessionState.class);

    static {
        ALLOWED.put(QUEUED, EnumSet.of(DISPATCHED, FAILED, CANCELLED));
        // A node may report the first transfer before we saw it waiting (events can be coalesced).
        ALLOWED.put(DISPATCHED, EnumSet.of(WAITING_FOR_RECEIVERS, TRANSFERRING, FAILED, CANCELLED));
        ALLOWED.put(WAITING_FOR_RECEIVERS, EnumSet.of(TRANSFERRING, FAILED, CANCELLED));
        ALLOWED.put(TRANSFERRING, EnumSet.of(COMPLETED, PARTIAL, FAILED, CANCELLED));
        for (SessionState terminal : EnumSet.of(COMPLETED, PARTIAL, FAILED, CANCELLED)) {
            ALLOWED.put(terminal, EnumSet.noneOf(SessionState.class));
        }
    }

    private SessionStateMachine() {}

    public static boolean allows(SessionState from, SessionState to) {
        return ALLOWED.get(from).contains(to);
    }

    public static Set<SessionState> successorsOf(SessionState from) {
        Set<SessionState> successors = EnumSet.noneOf(SessionState.class);
        successors.addAll(ALLOWED.get(from));
        return successors;
    }

    /** Returns {@code to} when allowed; otherwise throws without changing anything. */
    public static SessionState requireTransition(String sessionId, SessionState from, SessionState to) {
        if (!allows(from, to)) {
            throw new IllegalTransitionException("session " + sessionId, from, to);
        }
        return to;
    }
}
