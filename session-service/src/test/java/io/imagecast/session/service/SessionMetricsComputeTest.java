package io.imagecast.session.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionFile;
import io.imagecast.session.domain.SessionState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
        transferring.nodeId = "nas-1";
        transferring.startedAt = NOW.minusSeconds(3000);
        transferring.lastSenderActivity = NOW.minusSeconds(2);
        Session dispatched = session(SessionState.DISPATCHED, NOW.minusSeconds(500));
        dispatched.nodeId = "nas-2";
        dispatched.dispatchedAt = NOW.minusSeconds(90);
        // Waiting for receivers emits no transfer events; the node's heartbeats keep it alive.
        Session waiting = session(SessionState.WAITING_FOR_RECEIVERS, NOW.minusSeconds(900));
        waiting.nodeId = "nas-1";
        waiting.dispatchedAt = NOW.minusSeconds(880);
        Session queued = session(SessionState.QUEUED, NOW.minusSeconds(600));
        Session scheduled = session(SessionState.QUEUED, NOW.minusSeconds(7200));
        scheduled.startAt = NOW.minusSeconds(30); // due only since its start time
        Session future = session(SessionState.QUEUED, NOW.minusSeconds(10));
        future.startAt = NOW.plusSeconds(3600);

        SessionMetrics.Snapshot s = SessionMetrics.compute(
                List.of(transferring, dispatched, waiting, queued, scheduled, future),
                Map.of("nas-1", NOW.minusSeconds(4)),
                NOW);

        assertThat(s.count(SessionState.QUEUED)).isEqualTo(3);
        assertThat(s.count(SessionState.DISPATCHED)).isEqualTo(1);
        assertThat(s.count(SessionState.TRANSFERRING)).isEqualTo(1);
        assertThat(s.count(SessionState.WAITING_FOR_RECEIVERS)).isEqualTo(1);
        assertThat(s.senderSilenceSeconds()).isEqualTo(90.0);
        assertThat(s.queuedAgeSeconds()).isEqualTo(600.0);
    }

    private static Session transferring(SessionFile.State fileState) {
        Session transferring = session(SessionState.TRANSFERRING, NOW.minusSeconds(3600));
        transferring.nodeId = "nas-1";
        transferring.startedAt = NOW.minusSeconds(3000);
        transferring.lastSenderActivity = NOW.minusSeconds(400);
        transferring.currentFile = 0;
        SessionFile file = new SessionFile();
        file.fileIndex = 0;
        file.state = fileState;
        transferring.files.add(file);
        return transferring;
    }

    @Test
    void heartbeatsDoNotKeepAFileTransferAlive() {
        Session sending = transferring(SessionFile.State.SENDING);
        assertThat(SessionMetrics.compute(List.of(sending), Map.of("nas-1", NOW.minusSeconds(1)), NOW)
                        .senderSilenceSeconds())
                .isEqualTo(400.0);
    }

    @Test
    void betweenTwoFilesHeartbeatsCountAsLivenessDoes() {
        Session between = transferring(SessionFile.State.COMPLETED);
        assertThat(SessionMetrics.compute(List.of(between), Map.of("nas-1", NOW.minusSeconds(1)), NOW)
                        .senderSilenceSeconds())
                .isEqualTo(1.0);
    }

    @Test
    void nothingActiveIsZeroAndAnUnreadableDatabaseIsNaN() {
        SessionMetrics.Snapshot none = SessionMetrics.compute(List.of(), Map.of(), NOW);
        assertThat(none.count(SessionState.QUEUED)).isZero();
        assertThat(none.senderSilenceSeconds()).isZero();
        assertThat(none.queuedAgeSeconds()).isZero();
        assertThat(SessionMetrics.Snapshot.UNKNOWN.count(SessionState.QUEUED)).isNaN();
        assertThat(SessionMetrics.Snapshot.UNKNOWN.senderSilenceSeconds()).isNaN();
    }
}
