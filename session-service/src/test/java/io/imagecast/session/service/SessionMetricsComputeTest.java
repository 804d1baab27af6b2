package io.imagecast.session.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionMetricsComputeTest {
    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private static Session session(SessionState state, Instant createdAt) {
        Session s = new Session();
        s.state = state;
        s.createdAt = createdAt;
        return s;
    }

    @Test
    void countsStatesAndMeasuresTheQuietestSenderAndTheOldestDueQueuedSession() {
        Session transferring = session(SessionState.TRANSFERRING, NOW.minusSeconds(3600));
        transferring.lastSenderActivity = NOW.minusSeconds(2);
        Session dispatched = session(SessionState.DISPATCHED, NOW.minusSeconds(500));
        dispatched.dispatchedAt = NOW.minusSeconds(90);
        Session queued = session(SessionState.QUEUED, NOW.minusSeconds(600));
        Session scheduled = session(SessionState.QUEUED, NOW.minusSeconds(7200));
        scheduled.startAt = NOW.minusSeconds(30); // due only since its start time
        Session future = session(SessionState.QUEUED, NOW.minusSeconds(10));
        future.startAt = NOW.plusSeconds(3600);

        SessionMetrics.Snapshot s =
                SessionMetrics.compute(List.of(transferring, dispatched, queued, scheduled, future), NOW);

        assertThat(s.count(SessionState.QUEUED)).isEqualTo(3);
        assertThat(s.count(SessionState.DISPATCHED)).isEqualTo(1);
        assertThat(s.count(SessionState.TRANSFERRING)).isEqualTo(1);
        assertThat(s.count(SessionState.WAITING_FOR_RECEIVERS)).isZero();
        assertThat(s.senderSilenceSeconds()).isEqualTo(90.0);
        assertThat(s.queuedAgeSeconds()).isEqualTo(600.0);
    }

    @Test
    void nothingActiveIsZeroAndAnUnreadableDatabaseIsNaN() {
        SessionMetrics.Snapshot none = SessionMetrics.compute(List.of(), NOW);
        assertThat(none.count(SessionState.QUEUED)).isZero();
        assertThat(none.senderSilenceSeconds()).isZero();
        assertThat(none.queuedAgeSeconds()).isZero();
        assertThat(SessionMetrics.Snapshot.UNKNOWN.count(SessionState.QUEUED)).isNaN();
        assertThat(SessionMetrics.Snapshot.UNKNOWN.senderSilenceSeconds()).isNaN();
    }
}
