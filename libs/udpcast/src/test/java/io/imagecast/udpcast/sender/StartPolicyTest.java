package io.imagecast.udpcast.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StartPolicyTest {
    private static final long S = 1_000_000_000L;

    private static StartPolicy.Waiting first(Set<String> connected, long firstJoin, boolean asked) {
        return new StartPolicy.Waiting(0, 1, connected, Set.of(), 0, 0, firstJoin, asked);
    }

    @Test
    void startsWhenMinReceiversAreConnectedAndMinWaitIsOver() {
        StartPolicy p = new StartPolicy(SenderConfig.builder()
                .minReceivers(2)
                .minWait(Duration.ofSeconds(3))
                .build());
        assertThat(p.decide(first(Set.of("a"), 1, false), 10 * S).kind()).isEqualTo(StartPolicy.Decision.Kind.WAIT);
        assertThat(p.decide(first(Set.of("a", "b"), 1 * S, false), 2 * S).kind())
                .isEqualTo(StartPolicy.Decision.Kind.WAIT);
        assertThat(p.decide(first(Set.of("a", "b"), 1 * S, false), 4 * S).kind())
                .isEqualTo(StartPolicy.Decision.Kind.START);
    }

    @Test
    void maxWaitStartsWithWhoeverCameAndAGoStartsAtOnce() {
        StartPolicy p = new StartPolicy(SenderConfig.builder()
                .minReceivers(5)
                .maxWait(Duration.ofSeconds(10))
                .build());
        assertThat(p.decide(first(Set.of("a"), 1 * S, false), 11 * S).kind())
                .isEqualTo(StartPolicy.Decision.Kind.START);
        assertThat(p.decide(first(Set.of("a"), 1 * S, true), 2 * S).kind()).isEqualTo(StartPolicy.Decision.Kind.START);
        assertThat(p.decide(first(Set.of(), 0, true), 2 * S).kind()).isEqualTo(StartPolicy.Decision.Kind.WAIT);
    }

    @Test
    void theStartTimeoutFailsWithTheCountInTheReason() {
        StartPolicy p = new StartPolicy(SenderConfig.builder()
                .minReceivers(3)
                .startTimeout(Duration.ofSeconds(30))
                .build());
        StartPolicy.Decision d = p.decide(first(Set.of("a"), 1 * S, false), 31 * S);
        assertThat(d.kind()).isEqualTo(StartPolicy.Decision.Kind.FAIL);
        assertThat(d.reason()).contains("1 receiver(s) connected, 3 required");
    }

    @Test
    void laterFilesStartWhenEveryoneIsBackOrAfterTheRejoinTimeoutWithWhoeverCame() {
        StartPolicy p = new StartPolicy(SenderConfig.builder()
                .minReceivers(2)
                .rejoinTimeout(Duration.ofSeconds(5))
                .build());
        Set<String> expected = Set.of("a", "b");
        assertThat(p.decide(new StartPolicy.Waiting(1, 2, Set.of("a"), expected, 0, 100 * S, 100 * S, false), 101 * S)
                        .kind())
                .isEqualTo(StartPolicy.Decision.Kind.WAIT);
        assertThat(p.decide(
                                new StartPolicy.Waiting(1, 2, Set.of("a", "b"), expected, 0, 100 * S, 100 * S, false),
                                101 * S)
                        .kind())
                .isEqualTo(StartPolicy.Decision.Kind.START);
        assertThat(p.decide(new StartPolicy.Waiting(1, 2, Set.of("a"), expected, 0, 100 * S, 100 * S, false), 106 * S)
                        .kind())
                .isEqualTo(StartPolicy.Decision.Kind.START);
        StartPolicy.Decision none =
                p.decide(new StartPolicy.Waiting(1, 2, Set.of(), expected, 0, 100 * S, 0, false), 106 * S);
        assertThat(none.kind()).isEqualTo(StartPolicy.Decision.Kind.FAIL);
        assertThat(none.reason()).contains("no receiver re-joined for file 2 of 2");
    }
}
