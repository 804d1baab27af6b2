package io.imagecast.logs.service;

import io.imagecast.service.problem.DatabaseUnavailable;
import io.imagecast.service.problem.ProblemException;
import org.jboss.logging.Logger;

/** The database failed: a 503 the client may retry; the SQL details stay in our log. */
public class StorageException extends ProblemException {
    private static final Logger LOG = Logger.getLogger(StorageException.class);

    public StorageException(Throwable cause) {
        super(
                503,
                "log-storage-unavailable",
                "Log storage unavailable",
                "the log database did not answer; retry later");
        initCause(cause);
        retryAfter(DatabaseUnavailable.RETRY_AFTER_SECONDS);
        LOG.errorf(cause, "log storage failed");
    }
}
