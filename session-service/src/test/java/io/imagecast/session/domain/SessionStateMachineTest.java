package io.imagecast.session.domain;

import static io.imagecast.session.domain.SessionState.CANCELLED;
import static io.imagecast.session.domain.SessionState.COMPLETED;
import static io.imagecast.session.domain.SessionState.DISPATCHED;
import static io.imagecast.session.domain.SessionState.FAILED;
import static io.imagecast.session.domain.SessionState.PARTIAL;
import static io.imagecast.session.domain.SessionState.QUEUED;
import static io.imagecast.session.domain.SessionState.TRANSFERRING;
import static io.imagecast.session.domain.SessionState.WAITING_FOR_RECEIVERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionStateMachineTest {

    @Test
    void happyPathRunsFromQueuedToCompleted() {
        Session session = session(QUEUED);
        Instant now = Instant.parse("2026-01-01T10:00:00Z");

        session.moveTo(DISPATCHED, null, now);
        session.moveTo(WAITING_FOR_RECEIVERS, null, now.plusSeconds(1));
        session.moveTo(TRANSFERRING, null, now.plusSeconds(2));
        session.moveTo(COMPLETED, null, now.plusSeconds(3));

        assertThat(session.state).isEqualTo(COMPLETED);
        assertThat(session.dispatchedAt).isEqualTo(now);
        assertThat(session.startedAt).isEqualTo(now.plusSeconds(2));
        assertThat(session.finishedAt).isEqualTo(now.plusSeconds(3));
    }

    @ParameterizedTest
    @EnumSource(
            value = SessionState.class,
            names = {"COMPLETED", "PARTIAL", "FAILED", "CANCELLED"})
    void terminalStatesHaveNoSuccessor(SessionState terminal) {
        assertThat(terminal.isTerminal()).isTrue();
        for (SessionState target : SessionState.values()) {
            assertThat(SessionStateMachine.allows(terminal, target))
                    .as("%s -> %s", terminal, target)
                    .isFalse();
        }
    }

    @Test
    void illegalTransitionIsRejectedAndChangesNothing() {
        Session session = session(COMPLETED);
        session.reason = null;

        assertThatThrownBy(() -> session.moveTo(TRANSFERRING, "late progress", Instant.now()))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("COMPLETED")
                .hasMessageContaining("TRANSFERRING");
        assertThat(session.state).isEqualTo(COMPLETED);
        assertThat(session.reason).isNull();
    }

    @Test
    void onlyATransferCanEndCompletedOrPartial() {
        assertThat(SessionStateMachine.allows(QUEUED, COMPLETED)).isFalse();
        assertThat(SessionStateMachine.allows(DISPATCHED, COMPLETED)).isFalse();
        assertThat(SessionStateMachine.allows(WAITING_FOR_RECEIVERS, PARTIAL)).isFalse();
        assertThat(SessionStateMachine.allows(TRANSFERRING, PARTIAL)).isTrue();
        assertThat(SessionStateMachine.successorsOf(TRANSFERRING))
                .containsExactlyInAnyOrder(COMPLETED, PARTIAL, FAILED, CANCELLED);
    }

    @Test
    void everyActiveStateCanFailOrBeCancelled() {
        for (SessionState active : SessionState.ACTIVE) {
            assertThat(SessionStateMachine.successorsOf(active)).contains(FAILED, CANCELLED);
        }
    }

    @Test
    void noStateGoesBackwards() {
        assertThat(SessionStateMachine.allows(TRANSFERRING, WAITING_FOR_RECEIVERS))
                .isFalse();
        assertThat(SessionStateMachine.allows(WAITING_FOR_RECEIVERS, DISPATCHED))
                .isFalse();
        assertThat(SessionStateMachine.allows(DISPATCHED, QUEUED)).isFalse();
    }

    @Test
    void cancellingAQueuedSessionFreesItsSlotButARunningOneKeepsItUntilTheNodeConfirms() {
        Session queued = session(QUEUED);
        queued.holdsSlot = true;
        queued.moveTo(CANCELLED, "by operator", Instant.now());
        assertThat(queued.holdsSlot).isFalse();

        Session running = session(TRANSFERRING);
        running.holdsSlot = true;
        running.moveTo(CANCELLED, "by operator", Instant.now());
        assertThat(running.holdsSlot).isTrue();
    }

    @Test
    void activeAndTerminalPartitionTheStates() {
        EnumSet<SessionState> all = EnumSet.copyOf(SessionState.ACTIVE);
        all.addAll(EnumSet.of(COMPLETED, PARTIAL, FAILED, CANCELLED));
        assertThat(all).containsExactlyInAnyOrder(SessionState.values());
    }

    private static Session session(SessionState state) {
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.state = state;
        return session;
    }
}
