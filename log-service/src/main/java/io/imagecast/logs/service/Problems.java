package io.imagecast.logs.service;

import io.imagecast.service.problem.DatabaseUnavailable;
import io.imagecast.service.problem.ProblemException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * The problem documents this service's REST API answers with, so each slug keeps one title and
 * status. The Loki API answers in Loki's plain text instead, and the shared HTTP-layer problems
 * come from service-commons.
 */
public final class Problems {
    private static final Logger LOG = Logger.getLogger(Problems.class);

    private Problems() {}

    public static ProblemException invalidQuery(String detail) {
        return new ProblemException(400, "invalid-log-query", "Invalid log query", detail);
    }

    /** Not retryable: the same query would only run past its statement timeout again. */
    public static ProblemException queryTooExpensive(String detail, Duration timeout) {
        return new ProblemException(
                        422,
                        "log-query-too-expensive",
                        "Log query too expensive",
                        detail + " (imagecast.logs.query.timeout.search)")
                .with("timeoutMillis", timeout.toMillis());
    }

    /** Nobody reads this answer; 499 (client closed request) keeps it out of the 5xx counts. */
    public static ProblemException clientClosedRequest(String detail) {
        return new ProblemException(499, "client-closed-request", "Client closed request", detail);
    }

    /** The database failed: a 503 the client may retry; the SQL details stay in our log. */
    public static ProblemException storageUnavailable(Throwable cause) {
        LOG.errorf(cause, "log storage failed");
        ProblemException problem = new ProblemException(
                503,
                "log-storage-unavailable",
                "Log storage unavailable",
                "the log database did not answer; retry later");
        problem.initCause(cause);
        return problem.retryAfter(DatabaseUnavailable.RETRY_AFTER_SECONDS);
    }

    public static ProblemException invalidSessionId() {
        return new ProblemException(
                400, "invalid-session-id", "Invalid session id", "session ids are 1 to 200 characters");
    }

    public static ProblemException sessionLogNotFound(String sessionId) {
        return new ProblemException(
                        404,
                        "session-log-not-found",
                        "No log for this session",
                        "no log lines are stored for session " + sessionId)
                .with("sessionId", sessionId);
    }
}
