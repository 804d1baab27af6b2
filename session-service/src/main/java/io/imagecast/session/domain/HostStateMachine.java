package io.imagecast.session.domain;

import static io.imagecast.session.domain.HostState.CANCELLED;
import static io.imagecast.session.domain.HostState.COMPLETED;
import static io.imagecast.session.domain.HostState.DROPPED;
import static io.imagecast.session.domain.HostState.DROP_REQUESTED;
import static io.imagecast.session.domain.HostState.EXPECTED;
import static io.imagecast.session.domain.HostState.JOINED;
import static io.imagecast.session.domain.HostState.MISSING;
import static io.imagecast.session.domain.HostState.RECEIVING;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** Per-receiver states beside the session's own; dropping one host never touches the others. */
public final class HostStateMachine {
    private static final Map<HostState, Set<HostState>> ALLOWED = new EnumMap<>(HostState.class);

    static {
        ALLOWED.put(EXPECTED, EnumSet.of(JOINED, RECEIVING, DROP_REQUESTED, DROPPED, MISSING, CANCELLED));
        ALLOWED.put(JOINED, EnumSet.of(RECEIVING, COMPLETED, DROP_REQUESTED, DROPPED, CANCELLED));
        ALLOWED.put(RECEIVING, EnumSet.of(COMPLETED, DROP_REQUESTED, DROPPED, CANCELLED));
        // The node may still finish the host before it acts on the drop request.
        ALLOWED.put(DROP_REQUESTED, EnumSet.of(DROPPED, COMPLETED, CANCELLED));
        for (HostState last : EnumSet.of(COMPLETED, DROPPED, MISSING, CANCELLED)) {
            ALLOWED.put(last, EnumSet.noneOf(HostState.class));
        }
    }

    private HostStateMachine() {}

    public static boolean allows(HostState from, HostState to) {
        return ALLOWED.get(from).contains(to);
    }

    public static HostState requireTransition(String hostLabel, HostState from, HostState to) {
        if (!allows(from, to)) {
            throw new IllegalTransitionException("receiver " + hostLabel, from, to);
        }
        return to;
    }
}
