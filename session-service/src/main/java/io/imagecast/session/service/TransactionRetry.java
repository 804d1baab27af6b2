package io.imagecast.session.service;

import io.imagecast.service.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;
import org.hibernate.StaleStateException;
import org.hibernate.exception.LockAcquisitionException;
import org.jboss.logging.Logger;

/**
 * Runs a transactional unit of work again when it lost a race for a row (optimistic version
 * conflict, deadlock, serialization failure). Each attempt runs in a new transaction.
 */
public final class TransactionRetry {
    private static final Logger LOG = Logger.getLogger(TransactionRetry.class);
    static final int ATTEMPTS = 5;
    /** PostgreSQL: serialization_failure, deadlock_detected, lock_not_available. */
    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("40001", "40P01", "55P03");

    private TransactionRetry() {}

    /**
     * @throws ProblemException 409 when every attempt lost its race; never lets the conflict
     *     surface as a 500
     */
    public static void run(String what, Runnable work) {
        call(what, () -> {
            work.run();
            return null;
        });
    }

    public static <T> T call(String what, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } catch (RuntimeException e) {
                if (!isConflict(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    LOG.warnf("%s gave up after %d conflicting attempts: %s", what, attempt, e.getMessage());
                    throw Problems.concurrentUpdate(what, attempt);
                }
                LOG.debugf("%s collided with a concurrent update (attempt %d), retrying", what, attempt);
                pause(attempt);
            }
        }
    }

    public static boolean isConflict(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException
                    || t instanceof PessimisticLockException
                    || t instanceof StaleStateException
                    || t instanceof LockAcquisitionException) {
                return true;
            }
            // Agroal's acquisition timeout has no SQL state, and Set.of(...).contains(null) throws.
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && RETRYABLE_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void pause(int attempt) {
        try {
            // Short and jittered: the other transaction is a one-row progress update.
            Thread.sleep(20L * attempt + (long) (Math.random() * 30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }
}
