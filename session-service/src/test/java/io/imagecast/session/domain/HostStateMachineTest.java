package io.imagecast.session.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HostStateMachineTest {

    @Test
    void receiverRunsFromExpectedToCompleted() {
        SessionReceiver receiver = receiver();
        assertThat(receiver.moveTo(HostState.JOINED, null, Instant.now())).isTrue();
        assertThat(receiver.moveTo(HostState.RECEIVING, null, Instant.now())).isTrue();
        assertThat(receiver.moveTo(HostState.COMPLETED, null, Instant.now())).isTrue();
        assertThat(receiver.state).isEqualTo(HostState.COMPLETED);
    }

    @Test
    void finishedReceiverIgnoresLaterMoves() {
        SessionReceiver receiver = receiver();
        receiver.moveTo(HostState.DROPPED, "operator", Instant.now());

        assertThat(receiver.moveTo(HostState.RECEIVING, null, Instant.now())).isFalse();
        assertThat(receiver.state).isEqualTo(HostState.DROPPED);
        assertThat(receiver.reason).isEqualTo("operator");
    }

    @Test
    void dropRequestEndsDroppedOrCompletedButNeverReceivingAgain() {
        assertThat(HostStateMachine.allows(HostState.DROP_REQUESTED, HostState.DROPPED))
                .isTrue();
        assertThat(HostStateMachine.allows(HostState.DROP_REQUESTED, HostState.COMPLETED))
                .isTrue();
        assertThat(HostStateMachine.allows(HostState.DROP_REQUESTED, HostState.RECEIVING))
                .isFalse();
        assertThatThrownBy(() -> HostStateMachine.requireTransition("pc-1", HostState.MISSING, HostState.JOINED))
                .isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void hostsAreMatchedByNameIpOrMac() {
        SessionReceiver receiver = receiver();
        receiver.hostName = "lab-pc-07";
        receiver.ip = "10.1.2.7";
        receiver.mac = "00:11:22:33:44:55";
        assertThat(receiver.matches("LAB-PC-07")).isTrue();
        assertThat(receiver.matches("10.1.2.7")).isTrue();
        assertThat(receiver.matches("00:11:22:33:44:55")).isTrue();
        assertThat(receiver.matches("10.1.2.8")).isFalse();
    }

    private static SessionReceiver receiver() {
        Session session = new Session();
        session.id = UUID.randomUUID();
        SessionReceiver receiver = new SessionReceiver();
        receiver.session = session;
        receiver.ip = "10.0.0.5";
        return receiver;
    }
}
