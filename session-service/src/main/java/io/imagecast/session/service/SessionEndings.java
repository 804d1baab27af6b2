package io.imagecast.session.service;

import io.imagecast.session.domain.Session;
import io.imagecast.session.domain.SessionState;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Every way a session ends (the sender's verdict, liveness, a cancel) goes through here: the rule
 * itself lives on {@link Session#end}; here each ending is logged and counted
 * ({@code imagecast_session_finished_total{state}}) once its transaction committed.
 */
@ApplicationScoped
public class SessionEndings {
    private static final Logger LOG = Logger.getLogger(SessionEndings.class);

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    public SessionEndings(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
    }

    /** @see Session#end */
    public void end(Session session, SessionState outcome, String reason, Instant now) {
        session.end(outcome, reason, now);
        ended(session);
    }

    /** @see Session#endTransfer */
    public void endTransfer(Session session, int completedReceivers, Instant now) {
        session.endTransfer(completedReceivers, now);
        ended(session);
    }

    private void ended(Session session) {
        SessionState outcome = session.state;
        String line = "session " + session.id + " '" + session.name + "' " + outcome
                + (session.reason == null ? "" : ": " + session.reason);
        if (outcome == SessionState.FAILED) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        // A transaction that rolls back (and is retried) must not count its ending twice.
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    registry.counter("imagecast.session.finished", "state", outcome.name())
                            .increment();
                }
            }
        });
    }
}
