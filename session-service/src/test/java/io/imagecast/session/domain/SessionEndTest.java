package io.imagecast.session.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The one rule every ending follows (sender's verdict, liveness, cancel): each host state by each outcome. */
class SessionEndTest {
    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");
    private static final Set<SessionState> OUTCOMES =
            EnumSet.of(SessionState.COMPLETED, SessionState.PARTIAL, SessionState.FAILED, SessionState.CANCELLED);

    static Stream<Arguments> hostStateByOutcome() {
        return Stream.of(HostState.values())
                .flatMap(host -> OUTCOMES.stream().map(outcome -> Arguments.of(host, outcome)));
    }

    @ParameterizedTest(name = "{0} host when the session ends {1}")
    @MethodSource("hostStateByOutcome")
    void everyHostEndsInAFinalStateThatSaysWhatItDid(HostState before, SessionState outcome) {
        Session session = session(SessionState.TRANSFERRING);
        SessionReceiver host = host(session, before, "earlier reason");

        session.end(outcome, "why it ended", NOW);

        assertThat(session.state).isEqualTo(outcome);
        assertThat(session.reason).isEqualTo("why it ended");
        assertThat(session.finishedAt).isEqualTo(NOW);
        assertThat(host.state.isFinal()).isTrue();
        switch (before) {
            case EXPECTED -> {
                assertThat(host.state).isEqualTo(HostState.MISSING);
                assertThat(host.reason).isEqualTo("never joined");
            }
            case JOINED, RECEIVING -> {
                assertThat(host.state).isEqualTo(HostState.CANCELLED);
                assertThat(host.reason).isEqualTo("session " + outcome + ": why it ended");
            }
            case DROP_REQUESTED -> {
                // The operator's request stands: the host did not get the image, and the reason says who dropped it.
                assertThat(host.state).isEqualTo(HostState.DROPPED);
                assertThat(host.reason).isEqualTo("earlier reason");
            }
            default -> {
                assertThat(host.state).as("final states stay").isEqualTo(before);
                assertThat(host.reason).isEqualTo("earlier reason");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = SessionState.class,
            names = {"QUEUED", "DISPATCHED", "WAITING_FOR_RECEIVERS"})
    void aSessionThatNeverStartedEndsFailedOrCancelledWithNeverJoinedHostsMissing(SessionState from) {
        for (SessionState outcome : List.of(SessionState.FAILED, SessionState.CANCELLED)) {
            Session session = session(from);
            SessionReceiver host = host(session, HostState.EXPECTED, null);

            session.end(outcome, "stopped", NOW);

            assertThat(session.state).isEqualTo(outcome);
            assertThat(host.state).isEqualTo(HostState.MISSING);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = SessionState.class,
            names = {"COMPLETED", "PARTIAL", "FAILED", "CANCELLED"})
    void anEndedSessionCannotEndAgainAndNothingChanges(SessionState ended) {
        Session session = session(ended);
        SessionReceiver host = host(session, HostState.EXPECTED, null);

        assertThatThrownBy(() -> session.end(SessionState.FAILED, "late", NOW))
                .isInstanceOf(IllegalTransitionException.class);
        assertThat(session.state).isEqualTo(ended);
        assertThat(host.state).isEqualTo(HostState.EXPECTED);
    }

    @ParameterizedTest
    @EnumSource(
            value = SessionState.class,
            names = {"QUEUED", "DISPATCHED", "WAITING_FOR_RECEIVERS", "TRANSFERRING"})
    void endRequiresAnEndState(SessionState active) {
        Session session = session(SessionState.DISPATCHED);
        assertThatThrownBy(() -> session.end(active, null, NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThat(session.state).isEqualTo(SessionState.DISPATCHED);
    }

    @Test
    void theSendersVerdictIsCompletedWhenEveryExpectedReceiverCompleted() {
        Session session = session(SessionState.TRANSFERRING);
        session.expectedReceivers = 2;
        host(session, HostState.COMPLETED, null);
        host(session, HostState.COMPLETED, null);

        assertThat(session.endTransfer(2, NOW)).isEqualTo(SessionState.COMPLETED);
        assertThat(session.reason).isNull();
    }

    @Test
    void theSendersVerdictIsPartialNamingWhoIsMissingAndWhoWasDropped() {
        Session session = session(SessionState.TRANSFERRING);
        session.expectedReceivers = 3;
        host(session, HostState.COMPLETED, null);
        SessionReceiver missing = host(session, HostState.EXPECTED, null);
        host(session, HostState.DROPPED, "no acknowledgements for 30 s");

        assertThat(session.endTransfer(1, NOW)).isEqualTo(SessionState.PARTIAL);
        assertThat(session.reason)
                .isEqualTo("1 of 3 expected receivers completed; missing pc-2 (10.0.0.2);"
                        + " dropped pc-3 (10.0.0.3): no acknowledgements for 30 s");
        assertThat(missing.state).isEqualTo(HostState.MISSING);
    }

    @Test
    void theSendersVerdictIsFailedWhenNobodyCompleted() {
        Session session = session(SessionState.TRANSFERRING);
        SessionReceiver receiving = host(session, HostState.RECEIVING, null);

        assertThat(session.endTransfer(0, NOW)).isEqualTo(SessionState.FAILED);
        assertThat(session.reason).isEqualTo("no receiver completed the transfer");
        assertThat(receiving.state).isEqualTo(HostState.CANCELLED);
    }

    static Session session(SessionState state) {
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.name = "room-b";
        session.state = state;
        session.requestedFiles = List.of();
        session.expectedReceivers = 1;
        return session;
    }

    static SessionReceiver host(Session session, HostState state, String reason) {
        SessionReceiver receiver = new SessionReceiver();
        receiver.session = session;
        receiver.hostName = "pc-" + (session.receivers.size() + 1);
        receiver.ip = "10.0.0." + (session.receivers.size() + 1);
        receiver.listed = true;
        receiver.state = state;
        receiver.reason = reason;
        session.receivers.add(receiver);
        return receiver;
    }
}
