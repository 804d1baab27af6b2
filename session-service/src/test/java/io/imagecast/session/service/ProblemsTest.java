package io.imagecast.session.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.imagecast.service.problem.Problem;
import io.imagecast.service.problem.ProblemException;
import io.imagecast.session.domain.HostState;
import io.imagecast.session.domain.MasterCheck;
import io.imagecast.session.domain.SessionState;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Clients match on type, title and status: the catalogue must keep them as published. */
class ProblemsTest {
    private static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    @Test
    void everyProblemKeepsItsPublishedTypeTitleAndStatus() {
        assertProblem(Problems.invalid("limit", "too big"), 400, "validation-failed", "The request is invalid");
        assertProblem(Problems.sessionNotFound(ID), 404, "session-not-found", "No such session");
        assertProblem(Problems.notASessionId("x"), 404, "session-not-found", "No such session");
        assertProblem(Problems.unknownGroup("g"), 404, "unknown-group", "Unknown storage group");
        assertProblem(Problems.unknownHost(ID, "pc"), 404, "unknown-host", "No such host in the session");
        assertProblem(
                Problems.noUsableMaster("g", new MasterCheck(Optional.empty(), List.of("no master"))),
                409,
                "no-usable-master",
                "The group has no usable master");
        assertProblem(Problems.nameInUse("n", ID), 409, "name-in-use", "Session name in use");
        assertProblem(Problems.nameTakenConcurrently(), 409, "name-in-use", "Session name in use");
        assertProblem(Problems.idempotencyKeyReused(ID), 422, "idempotency-key-reused", "Idempotency-Key already used");
        assertProblem(Problems.idempotencyKeyInFlight(), 409, "idempotency-key-in-flight", "Request in progress");
        assertProblem(
                Problems.sessionFinished(ID, SessionState.COMPLETED, "cancel"),
                409,
                "session-finished",
                "Session already finished");
        assertProblem(Problems.hostFinished("pc", HostState.COMPLETED), 409, "host-finished", "Host cannot be dropped");
        assertProblem(Problems.hostNotAddressable("pc"), 409, "host-not-addressable", "Host has no known IP address");
        assertProblem(Problems.concurrentUpdate("cancel", 5), 409, "concurrent-update", "Concurrent update");
        assertProblem(Problems.conflict(), 409, "conflict", "Conflict");
    }

    @Test
    void detailsNameWhatIsWrong() {
        Problem invalid = Problems.invalid("cursor", "is not a cursor returned by this API")
                .toProblem("/x");
        assertThat(invalid.detail()).isEqualTo("cursor: is not a cursor returned by this API");
        assertThat(invalid.extensions()).containsKey("errors");
        assertThat(Problems.notASessionId("abc").getMessage()).isEqualTo("'abc' is not a session id");
        assertThat(Problems.nameInUse("lab", ID).toProblem("/x").extensions()).containsEntry("conflictingSession", ID);
        assertThat(Problems.sessionFinished(ID, SessionState.FAILED, "cancel").getMessage())
                .isEqualTo("cannot cancel session " + ID + ": it is FAILED");
    }

    private static void assertProblem(ProblemException problem, int status, String slug, String title) {
        Problem document = problem.toProblem("/api/v1/sessions");
        assertThat(document.status()).isEqualTo(status);
        assertThat(document.type()).hasToString("https://imagecast.io/problems/" + slug);
        assertThat(document.title()).isEqualTo(title);
    }
}
