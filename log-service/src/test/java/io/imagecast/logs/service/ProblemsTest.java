package io.imagecast.logs.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.service.problem.Problem;
import io.imagecast.service.problem.ProblemException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Clients match on type, title and status: the catalogue must keep them as published. */
class ProblemsTest {
    @Test
    void everyProblemKeepsItsPublishedTypeTitleAndStatus() {
        assertProblem(Problems.invalidQuery("bad"), 400, "invalid-log-query", "Invalid log query");
        assertProblem(
                Problems.queryTooExpensive("too slow", Duration.ofSeconds(5)),
                422,
                "log-query-too-expensive",
                "Log query too expensive");
        assertProblem(Problems.clientClosedRequest("gone"), 499, "client-closed-request", "Client closed request");
        assertProblem(
                Problems.storageUnavailable(new SQLException("down")),
                503,
                "log-storage-unavailable",
                "Log storage unavailable");
        assertProblem(Problems.invalidSessionId(), 400, "invalid-session-id", "Invalid session id");
        assertProblem(Problems.sessionLogNotFound("s-1"), 404, "session-log-not-found", "No log for this session");
    }

    @Test
    void storageFailuresMayBeRetriedAndKeepTheirCauseOutOfTheAnswer() {
        SQLException cause = new SQLException("connection refused to 10.0.0.1");
        ProblemException problem = Problems.storageUnavailable(cause);
        assertThat(problem.retryAfterSeconds()).isPositive();
        assertThat(problem.getCause()).isSameAs(cause);
        assertThat(problem.toProblem("/api/v1/logs").detail()).doesNotContain("10.0.0.1");
    }

    @Test
    void anExpensiveQueryNamesItsTimeout() {
        Problem document =
                Problems.queryTooExpensive("too slow", Duration.ofSeconds(5)).toProblem("/api/v1/logs");
        assertThat(document.extensions()).containsEntry("timeoutMillis", 5000L);
        assertThat(document.detail()).isEqualTo("too slow (imagecast.logs.query.timeout.search)");
    }

    private static void assertProblem(ProblemException problem, int status, String slug, String title) {
        Problem document = problem.toProblem("/api/v1/logs");
        assertThat(document.status()).isEqualTo(status);
        assertThat(document.type()).hasToString("https://imagecast.io/problems/" + slug);
        assertThat(document.title()).isEqualTo(title);
    }
}
