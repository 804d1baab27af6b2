package io.imagecast.sender.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionLedgerTest {
    @TempDir
    Path stateDir;

    @Test
    void survivesARestartAndTracksPhases() {
        UUID sending = UUID.randomUUID();
        UUID waiting = UUID.randomUUID();
        UUID done = UUID.randomUUID();
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        SessionLedger ledger = new SessionLedger(stateDir);
        ledger.save(new LedgerEntry(sending, SessionPhase.ACCEPTED, null, now));
        ledger.save(new LedgerEntry(waiting, SessionPhase.ACCEPTED, null, now));
        ledger.save(new LedgerEntry(done, SessionPhase.ACCEPTED, null, now));
        ledger.advance(sending, SessionPhase.SENDING, now);
        ledger.advance(done, SessionPhase.FINISHED, now);

        SessionLedger reopened = new SessionLedger(stateDir);

        assertThat(reopened.unfinished())
                .extracting(LedgerEntry::sessionId, LedgerEntry::phase)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(sending, SessionPhase.SENDING),
                        org.assertj.core.groups.Tuple.tuple(waiting, SessionPhase.ACCEPTED));
        assertThat(reopened.find(done)).get().extracting(LedgerEntry::phase).isEqualTo(SessionPhase.FINISHED);
    }

    @Test
    void pruneForgetsOnlyOldFinishedSessions() {
        Instant now = Instant.parse("2026-01-10T10:00:00Z");
        UUID oldFinished = UUID.randomUUID();
        UUID oldUnfinished = UUID.randomUUID();
        UUID recentFinished = UUID.randomUUID();
        SessionLedger ledger = new SessionLedger(stateDir);
        ledger.save(new LedgerEntry(oldFinished, SessionPhase.FINISHED, null, now.minus(Duration.ofDays(8))));
        ledger.save(new LedgerEntry(oldUnfinished, SessionPhase.SENDING, null, now.minus(Duration.ofDays(8))));
        ledger.save(new LedgerEntry(recentFinished, SessionPhase.FINISHED, null, now.minus(Duration.ofDays(1))));

        assertThat(ledger.prune(Duration.ofDays(7), now)).isEqualTo(1);
        assertThat(ledger.find(oldFinished)).isEmpty();
        assertThat(ledger.find(oldUnfinished)).isPresent();
        assertThat(ledger.find(recentFinished)).isPresent();
    }

    @Test
    void anUnreadableRecordIsSkipped() throws Exception {
        SessionLedger ledger = new SessionLedger(stateDir);
        UUID id = UUID.randomUUID();
        Files.writeString(stateDir.resolve("sessions").resolve(id + ".json"), "{not json");

        assertThat(ledger.find(id)).isEmpty();
        assertThat(ledger.unfinished()).isEmpty();
    }
}
